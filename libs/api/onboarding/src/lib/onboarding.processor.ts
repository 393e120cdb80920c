import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { keepJobScheduler } from '@raptorflow/api-platform';
import type { Queue } from 'bullmq';
import { ONBOARDING_CLEANUP_JOB, ONBOARDING_CLEANUP_PATTERN, ONBOARDING_CLEANUP_QUEUE, OnboardingCleanupResult } from './onboarding.jobs';
import { OnboardingService } from './onboarding.service';

/** Daily: removes onboarding drafts abandoned for 30 days. Safe to run twice or concurrently. */
@Processor(ONBOARDING_CLEANUP_QUEUE)
export class OnboardingCleanupProcessor extends WorkerHost {
  constructor(private readonly onboarding: OnboardingService) {
    super();
  }

  process(): Promise<OnboardingCleanupResult> {
    return this.onboarding.cleanupAbandonedDrafts();
  }
}

@Injectable()
export class OnboardingCleanupScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(ONBOARDING_CLEANUP_QUEUE) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await keepJobScheduler(this.queue, ONBOARDING_CLEANUP_JOB, { pattern: ONBOARDING_CLEANUP_PATTERN, tz: 'UTC' }, { name: ONBOARDING_CLEANUP_JOB });
  }
}
