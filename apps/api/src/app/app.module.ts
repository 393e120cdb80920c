import { Module } from '@nestjs/common';
import { HttpPlatformModule } from '@raptorflow/api-platform';

@Module({
  imports: [HttpPlatformModule],
})
export class AppModule {}
