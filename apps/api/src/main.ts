import { createHttpApp, loadConfigOrExit } from '@raptorflow/api-platform';
import { AppModule } from './app/app.module';

async function bootstrap() {
  const config = loadConfigOrExit();
  const app = await createHttpApp(AppModule, config);
  await app.listen(config.PORT, '0.0.0.0');
  console.log(`api listening on http://localhost:${config.PORT}/api/v1${config.apiDocsEnabled ? ' (docs at /api/docs)' : ''}`);
}

bootstrap();
