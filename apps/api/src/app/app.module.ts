import { Module } from '@nestjs/common';
import { AuthModule } from '@raptorflow/api-auth';
import { BcmModule } from '@raptorflow/api-bcm';
import { BillingModule } from '@raptorflow/api-billing';
import { MovesModule } from '@raptorflow/api-moves';
import { OnboardingModule } from '@raptorflow/api-onboarding';
import { OpsModule } from '@raptorflow/api-ops';
import { PaymentsModule, TrialsModule } from '@raptorflow/api-payments';
import { HttpPlatformModule, QueueModule } from '@raptorflow/api-platform';

@Module({
  imports: [HttpPlatformModule, QueueModule, AuthModule, PaymentsModule, TrialsModule, BillingModule, OnboardingModule, BcmModule, MovesModule, OpsModule],
})
export class AppModule {}
