import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@raptorflow/api-platform';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './app/worker.module';

async function bootstrap() {
  loadConfigOrExit();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  console.log('worker started: consuming queues');
}

bootstrap();
