export const SYSTEM_QUEUE = 'system';
export const HEARTBEAT_JOB = 'heartbeat';
export const HEARTBEAT_EVERY_MS = 30_000;
// The key the worker refreshes on every heartbeat; readiness reports its age.
export const HEARTBEAT_KEY = 'worker:heartbeat';
