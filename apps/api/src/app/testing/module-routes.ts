// Test helper: every route of a module tree as "METHOD /path", with its controller and handler, read from Nest's
// metadata (the route rules' specs ask what decorators each one carries).
import { RequestMethod } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';

type Class = { new (...args: never[]): unknown; prototype: Record<string, unknown> };

export interface ModuleRoute {
  route: string;
  handler: object;
  /** The route's guards, the controller's first. */
  guards: unknown[];
}

export function moduleRoutes(module: object, seen = new Set<object>()): ModuleRoute[] {
  if (seen.has(module)) return [];
  seen.add(module);
  const imports = ((Reflect.getMetadata(MODULE_METADATA.IMPORTS, module) ?? []) as object[]).filter((m) => typeof m === 'function');
  const controllers = (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) ?? []) as Class[];
  const own = controllers.flatMap((controller) => {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const classGuards = (Reflect.getMetadata(GUARDS_METADATA, controller) ?? []) as unknown[];
    return Object.getOwnPropertyNames(controller.prototype)
      .filter((name) => name !== 'constructor')
      .map((name) => controller.prototype[name])
      .filter((handler): handler is object => typeof handler === 'function' && Reflect.getMetadata(PATH_METADATA, handler) !== undefined)
      .map((handler) => {
        const path = [base, String(Reflect.getMetadata(PATH_METADATA, handler))].filter((p) => p && p !== '/').join('/');
        const guards = [...classGuards, ...((Reflect.getMetadata(GUARDS_METADATA, handler) ?? []) as unknown[])];
        return { route: `${RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]} /${path}`, handler, guards };
      });
  });
  return [...own, ...imports.flatMap((m) => moduleRoutes(m, seen))];
}
