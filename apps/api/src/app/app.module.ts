import { Module } from '@nestjs/common';
import { AuthModule } from '@raptorflow/api-auth';
import { HttpPlatformModule } from '@raptorflow/api-platform';

@Module({
  imports: [HttpPlatformModule, AuthModule],
})
export class AppModule {}
