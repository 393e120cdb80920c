import Fastify, { FastifyInstance } from 'fastify';

export interface SandboxOptions {
  /** Postgres URL of the app database; the auth stand-in writes auth.users through it. */
  databaseUrl: string;
  /** Public base URL of this server, e.g. http://127.0.0.1:54321 (token issuer, checkout links). */
  publicUrl: string;
  logger?: boolean;
}

/**
 * Local stand-ins for the external services we cannot reach offline, speaking their wire protocols:
 * /auth/v1 (Supabase Auth), /phonepe (PhonePe PG v2), /resend (Resend). Never deployed.
 */
export async function createSandbox(options: SandboxOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false });
  app.get('/', async () => ({ service: 'raptorflow-sandbox', stands_in_for: ['/auth/v1', '/phonepe', '/resend'] }));
  for (const prefix of ['/auth/v1', '/phonepe', '/resend']) {
    app.register(
      async (scope) => {
        scope.all('/*', async (request, reply) =>
          reply.status(404).send({ code: 'not_found', message: `${request.method} ${request.url} is not simulated yet` }),
        );
      },
      { prefix },
    );
  }
  return app;
}
