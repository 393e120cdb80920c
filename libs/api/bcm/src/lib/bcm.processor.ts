import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { BcmError } from './bcm.errors';
import { BCM_REBUILD_CONCURRENCY, BCM_REBUILD_QUEUE, BcmRebuildJob } from './bcm.jobs';
import { BcmRebuildResult, BcmRebuildService } from './bcm.rebuild.service';

@Processor(BCM_REBUILD_QUEUE, { concurrency: BCM_REBUILD_CONCURRENCY })
export class BcmRebuildProcessor extends WorkerHost {
  constructor(private readonly rebuilds: BcmRebuildService) {
    super();
  }

  async process(job: Job<BcmRebuildJob>): Promise<BcmRebuildResult> {
    try {
      return await this.rebuilds.rebuild(job.data.workspaceId, job.id ?? null);
    } catch (error) {
      // A context that cannot be built fails the same way every time: no retries.
      if (error instanceof BcmError && error.permanent) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
