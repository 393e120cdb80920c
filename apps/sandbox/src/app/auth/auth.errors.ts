import type { FastifyError, FastifyInstance } from 'fastify';

// GoTrue's 2024-01-01 error format; auth-js reads `code` only when the response carries this version header.
export const API_VERSION_HEADER = 'x-supabase-api-version';
export const API_VERSION = '2024-01-01';

export class GoTrueError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string) => new GoTrueError(400, code, message);
export const unprocessable = (code: string, message: string, extra?: Record<string, unknown>) => new GoTrueError(422, code, message, extra);
export const tooManyRequests = (code: string, message: string) => new GoTrueError(429, code, message);
export const forbidden = (code: string, message: string) => new GoTrueError(403, code, message);

export function installErrorFormat(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header(API_VERSION_HEADER, API_VERSION);
    return payload;
  });
  app.setErrorHandler((error: FastifyError | GoTrueError, request, reply) => {
    if (error instanceof GoTrueError) {
      return reply.status(error.status).send({ code: error.code, message: error.message, ...error.extra });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) return reply.status(status).send({ code: error.code?.startsWith('FST_ERR_CTP') ? 'bad_json' : 'validation_failed', message: error.message });
    request.log.error(error);
    return reply.status(500).send({ code: 'unexpected_failure', message: 'Unexpected failure, please check server logs for more information' });
  });
}
