// The bcm-rebuild queue: producers (onboarding finalize, the rebuild endpoint) import these from the index.
export const BCM_REBUILD_QUEUE = 'bcm-rebuild';
export const BCM_REBUILD_JOB = 'rebuild';
// Rebuilds a worker runs at once. A rebuild mostly waits on Postgres and Redis round trips, so one at a time left the
// worker's CPU idle (~80 jobs/s, tmp/bench); jobs of one workspace never overlap (one job id), and 8 stays below the
// database pool of 10 connections.
export const BCM_REBUILD_CONCURRENCY = 8;

export interface BcmRebuildJob {
  workspaceId: string;
  reason: 'onboarding-finalized' | 'manual' | 'context-changed';
}

// One job id per workspace: concurrent requests coalesce into one waiting job.
export const bcmRebuildJobId = (workspaceId: string): string => `bcm-${workspaceId}`;
