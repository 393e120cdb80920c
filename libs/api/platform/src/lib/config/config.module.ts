import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './env.schema';

@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => loadConfig() }],
  exports: [AppConfig],
})
export class ConfigModule {}
