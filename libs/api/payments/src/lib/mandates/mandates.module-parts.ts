// What PaymentsModule / PaymentsWorkerModule register for UPI Autopay (one import there).
import { MandateCycleService } from './mandate-cycle.service';
import { MandateHints } from './mandate-hints';
import { MandateJobs } from './mandates.jobs';
import { AutopayProcessor, AutopaySweepScheduler } from './mandates.processor';
import { MandatesRepository } from './mandates.repository';
import { MandatesService } from './mandates.service';

export { MandatesController } from './mandates.controller';
export { AUTOPAY_QUEUE } from './mandates.jobs';
export const MANDATE_API_PROVIDERS = [MandatesRepository, MandateHints, MandateCycleService, MandatesService];
export const MANDATE_WORKER_PROVIDERS = [MandateJobs, AutopayProcessor, AutopaySweepScheduler];
