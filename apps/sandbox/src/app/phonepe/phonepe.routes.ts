import type { FastifyInstance } from 'fastify';
import type { SandboxOptions } from '../sandbox';

/** Stand-in for the PhonePe PG v2 Standard Checkout. */
export async function phonepeRoutes(app: FastifyInstance, options: SandboxOptions): Promise<void> {
  app.all('/*', async (request, reply) =>
    reply.status(404).send({ code: 'not_found', message: `${request.method} ${request.url} is not simulated yet` }),
  );
  void options;
}
