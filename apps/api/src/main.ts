import { AppConfig, createHttpApp, loadConfigOrExit } from '@raptorflow/api-platform';
import { AppModule } from './app/app.module';

async function bootstrap() {
  loadConfigOrExit();
  const app = await createHttpApp(AppModule);
  const config = app.get(AppConfig);
  await app.listen(config.PORT, '0.0.0.0');
  console.log(`api listening on http://localhost:${config.PORT}/api/v1 (docs at /api/docs)`);
}

bootstrap();
