import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Params } from 'nestjs-pino';
import { pino, type Logger } from 'pino';
import type { AppConfig } from '../config/env.schema';

// Anything that can carry a credential is replaced by "[redacted]" before a log line is written.
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers.apikey',
  'req.headers["x-api-key"]',
  'req.headers["x-goog-api-key"]',
  'req.headers["x-verify"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.access_token',
  '*.refresh_token',
  '*.secret',
  '*.client_secret',
  '*.apiKey',
  '*.api_key',
];

// Query parameters that can carry a credential (a token pasted into a link, an API key); their values are replaced.
const SECRET_QUERY = /^(?:token|access_token|refresh_token|id_token|code|key|api_?key|apikey|secret|password|signature|sig)$/i;

/** The URL with the value of every credential-like query parameter replaced by "[redacted]". */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  let changed = false;
  for (const name of [...params.keys()]) {
    if (SECRET_QUERY.test(name)) {
      params.set(name, '[redacted]');
      changed = true;
    }
  }
  return changed ? `${url.slice(0, at)}?${params.toString().replace(/%5Bredacted%5D/g, '[redacted]')}` : url;
}

/** The request id: a valid `x-request-id` from the caller (a proxy's, a client's retry), otherwise a fresh uuid. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
}

/** A request as its log line shows it: pino's standard fields, with credential-like query values replaced. */
function requestForLog(raw: IncomingMessage) {
  const req = pino.stdSerializers.req(raw);
  req.url = redactUrl(req.url);
  return req;
}

// One logger per config, shared by the request log lines and the app's own (nestjs-pino's Logger).
const loggers = new WeakMap<AppConfig, Logger>();

/** The process's pino logger: JSON lines at LOG_LEVEL, credentials redacted. */
export function rootLogger(config: AppConfig): Logger {
  let logger = loggers.get(config);
  if (!logger) {
    logger = pino({
      level: config.LOG_LEVEL,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // The answer's status only: its headers are ours, the same on every line.
      serializers: { req: requestForLog, res: (res: ServerResponse) => ({ statusCode: res.statusCode }), err: pino.stdSerializers.err },
    });
    loggers.set(config, logger);
  }
  return logger;
}

/**
 * nestjs-pino serves the app's Logger from the root logger. Request lines come from `logRequests` (a Fastify hook),
 * not from its pino-http middleware: that builds two child loggers per request, serializing the request each time,
 * and runs every request in an AsyncLocalStorage, which cost more CPU than the rest of a request (tmp/bench).
 */
export function loggerParams(config: AppConfig): Params {
  return { pinoHttp: { logger: rootLogger(config) }, useExisting: true, forRoutes: [] };
}

const UNLOGGED = new Set(['/api/v1/health', '/metrics']);

/** One line per answered request (`request completed`: request id, request, status, response time), as pino-http wrote. */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    if (!UNLOGGED.has(request.url)) {
      logger.info({ app: 'raptorflow', reqId: request.id, req: request.raw, res: reply.raw, responseTime: Math.round(reply.elapsedTime) }, 'request completed');
    }
    done();
  });
}
