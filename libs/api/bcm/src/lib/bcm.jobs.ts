// The bcm-rebuild queue: producers (onboarding finalize, the rebuild endpoint) import these from the index.
export const BCM_REBUILD_QUEUE = 'bcm-rebuild';
export const BCM_REBUILD_JOB = 'rebuild';

export interface BcmRebuildJob {
  workspaceId: string;
  reason: 'onboarding-finalized' | 'manual' | 'context-changed';
}

// One job id per workspace: concurrent requests coalesce into one waiting job.
export const bcmRebuildJobId = (workspaceId: string): string => `bcm-${workspaceId}`;
