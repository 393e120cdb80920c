import type { FastifyInstance } from 'fastify';
import type { SandboxOptions } from '../sandbox';

/** Stand-in for the Resend emails API. */
export async function resendRoutes(app: FastifyInstance, options: SandboxOptions): Promise<void> {
  app.all('/*', async (request, reply) =>
    reply.status(404).send({ code: 'not_found', message: `${request.method} ${request.url} is not simulated yet` }),
  );
  void options;
}
