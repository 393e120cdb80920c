import { isCostlyRoute } from '@raptorflow/api-platform';
import { AppModule } from './app.module';
import { moduleRoutes } from './testing/module-routes';

// Every route of the app module's tree, with whether it has a costly budget.
const routes = (module: object) => moduleRoutes(module).map(({ route, handler }) => ({ route, costly: isCostlyRoute(handler) }));

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
