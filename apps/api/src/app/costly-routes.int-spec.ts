import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { isCostlyRoute } from '@raptorflow/api-platform';
import { AppModule } from './app.module';

type Class = { new (...args: never[]): unknown; prototype: Record<string, unknown> };

// Every route of the app module's tree, as "METHOD /path", with whether it has a costly budget.
function routes(module: object, seen = new Set<object>()): { route: string; costly: boolean }[] {
  if (seen.has(module)) return [];
  seen.add(module);
  const imports = ((Reflect.getMetadata(MODULE_METADATA.IMPORTS, module) ?? []) as object[]).filter((m) => typeof m === 'function');
  const controllers = (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) ?? []) as Class[];
  const own = controllers.flatMap((controller) => {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    return Object.getOwnPropertyNames(controller.prototype)
      .map((name) => controller.prototype[name])
      .filter((handler): handler is object => typeof handler === 'function' && Reflect.getMetadata(PATH_METADATA, handler) !== undefined)
      .map((handler) => {
        const path = [base, String(Reflect.getMetadata(PATH_METADATA, handler))].filter((p) => p && p !== '/').join('/');
        return { route: `${RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]} /${path}`, costly: isCostlyRoute(handler) };
      });
  });
  return [...own, ...imports.flatMap((m) => routes(m, seen))];
}

describe('costly routes', () => {
  it('are exactly the routes that spend AI, PhonePe (checkout, Autopay setup, upgrade), e-mail (trial, invitations) or sign-up work, each with its own budget', () => {
    const all = routes(AppModule);
    expect(all.length).toBeGreaterThan(30);
    expect(all.filter((r) => r.costly).map((r) => r.route).sort()).toEqual([
      'POST /auth/ensure-profile',
      'POST /context/bcm/rebuild',
      'POST /moves/generate',
      'POST /onboarding/finalize',
      'POST /payments/autopay/setup',
      'POST /payments/initiate',
      'POST /payments/subscription/change',
      'POST /payments/trial',
      'POST /workspace/invitations',
      'POST /workspace/invitations/:id/resend',
    ]);
  });
});
