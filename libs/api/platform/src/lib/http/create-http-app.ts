import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod, Type, ValidationError, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '../config/env.schema';
import { InputRulesGuard, validationFailed } from './input.rules';
import { logRequests, requestId, rootLogger } from './logging';
import { RateLimiter } from './rate-limit';

export const API_PREFIX = 'api/v1';

function flatten(errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

// 400 naming every bad field: { code: 'VALIDATION_FAILED', details: [{ field, problems }] }.
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => validationFailed(flatten(errors)),
});

// Only the proxies TRUST_PROXY names may tell the client's address; by default X-Forwarded-For is ignored.
export const httpAdapter = (config: AppConfig): FastifyAdapter => new FastifyAdapter({ trustProxy: config.trustProxy, bodyLimit: 256 * 1024, genReqId: requestId });
export const HTTP_APP_OPTIONS = { bufferLogs: true, rawBody: true };

/**
 * On stop, requests already inside still get their answers, each with `Connection: close`, so the server can finish
 * closing: a kept-alive connection that becomes idle after the stop began is otherwise never closed.
 */
function closeKeptAliveConnectionsOnStop(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  let stopping = false;
  fastify.addHook('preClose', (done) => {
    stopping = true;
    done();
  });
  fastify.addHook('onSend', async (_request, reply, payload) => {
    if (stopping) reply.header('connection', 'close');
    return payload;
  });
}

// The API answers JSON only: nothing it serves may run script, load anything or be framed. Swagger UI (when
// API_DOCS serves it) needs its own scripts and styles.
const API_CSP = { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } };
const SWAGGER_CSP = {
  useDefaults: true,
  // No upgrade-insecure-requests: locally the docs are served over http and their own assets would fail to load.
  directives: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], scriptSrc: ["'self'", "'unsafe-inline'"], upgradeInsecureRequests: null },
};

/** Builds the Fastify-based Nest app main.ts serves. */
export async function createHttpApp(module: Type<unknown>, config: AppConfig): Promise<NestFastifyApplication> {
  return configureHttpApp(await NestFactory.create<NestFastifyApplication>(module, httpAdapter(config), HTTP_APP_OPTIONS));
}

/**
 * Helmet's headers on every answer, errors and 404s included. They depend only on the config, so helmet runs once at
 * start and each answer gets its result: @fastify/helmet ran helmet's 14 middlewares (parsing the CSP again) on every
 * request, a tenth of a hot request's CPU (tmp/bench).
 */
function securityHeaders(app: NestFastifyApplication, config: AppConfig): void {
  const headers: Record<string, string> = {};
  const collect = { setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = String(value)), removeHeader: () => undefined };
  helmet({ contentSecurityPolicy: config.apiDocsEnabled ? SWAGGER_CSP : API_CSP })({} as IncomingMessage, collect as unknown as ServerResponse, () => undefined);
  app.getHttpAdapter().getInstance().addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

/** Prefix, validation, logging, security headers, CORS and OpenAPI; integration tests apply it to their testing modules too. */
export function configureHttpApp(app: NestFastifyApplication): NestFastifyApplication {
  app.useLogger(app.get(Logger));
  const config = app.get(AppConfig);
  logRequests(app.getHttpAdapter().getInstance(), rootLogger(config));
  securityHeaders(app, config);
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  app.useGlobalPipes(validationPipe);
  // After the global AuthGuard (an APP_GUARD, registered before these): limits count the verified user, and a caller
  // without a token gets its 401 before any input rule. Guards, not interceptors: NestJS wraps each interceptor in
  // rxjs and an AsyncResource per request, which cost more than the rules themselves (tmp/bench).
  app.useGlobalGuards(app.get(RateLimiter), new InputRulesGuard());
  app.enableCors({ origin: [config.WEB_URL], credentials: true });
  app.enableShutdownHooks();
  closeKeptAliveConnectionsOnStop(app);
  if (config.apiDocsEnabled) {
    const openApi = new DocumentBuilder().setTitle('RaptorFlow API').setVersion('1').addBearerAuth().build();
    SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));
  }
  return app;
}
