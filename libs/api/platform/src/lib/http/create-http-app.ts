import { RequestMethod, Type, ValidationError, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '../config/env.schema';
import { InputRulesInterceptor, validationFailed } from './input.rules';

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

export const httpAdapter = (): FastifyAdapter => new FastifyAdapter({ trustProxy: true, bodyLimit: 256 * 1024 });
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

/** Builds the Fastify-based Nest app main.ts serves. */
export async function createHttpApp(module: Type<unknown>): Promise<NestFastifyApplication> {
  return configureHttpApp(await NestFactory.create<NestFastifyApplication>(module, httpAdapter(), HTTP_APP_OPTIONS));
}

/** Prefix, validation, logging, CORS and OpenAPI; integration tests apply it to their testing modules too. */
export function configureHttpApp(app: NestFastifyApplication): NestFastifyApplication {
  app.useLogger(app.get(Logger));
  const config = app.get(AppConfig);
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  app.useGlobalPipes(validationPipe);
  app.useGlobalInterceptors(new InputRulesInterceptor());
  app.enableCors({ origin: [config.WEB_URL], credentials: true });
  app.enableShutdownHooks();
  closeKeptAliveConnectionsOnStop(app);
  const openApi = new DocumentBuilder().setTitle('RaptorFlow API').setVersion('1').addBearerAuth().build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));
  return app;
}
