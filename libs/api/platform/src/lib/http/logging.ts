import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
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

export function loggerParams(config: AppConfig): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.LOG_LEVEL,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      genReqId: (req: IncomingMessage) => {
        const given = req.headers['x-request-id'];
        return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
      },
      customProps: () => ({ app: 'raptorflow' }),
      serializers: {
        req: (req: { url?: string; query?: Record<string, unknown> }) => {
          if (req.url) req.url = redactUrl(req.url);
          if (req.query) req.query = Object.fromEntries(Object.entries(req.query).map(([name, value]) => [name, SECRET_QUERY.test(name) ? '[redacted]' : value]));
          return req;
        },
      },
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/v1/health' || req.url === '/metrics' },
    },
  };
}
