import type { FastifyInstance } from 'fastify';
import type { SandboxOptions } from '../sandbox';

/** Stand-in for the Supabase Auth (GoTrue) subset. */
export async function authRoutes(app: FastifyInstance, options: SandboxOptions): Promise<void> {
  app.all('/*', async (request, reply) =>
    reply.status(404).send({ code: 'not_found', message: `${request.method} ${request.url} is not simulated yet` }),
  );
  void options;
}
