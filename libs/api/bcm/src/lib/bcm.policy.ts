// Pure decisions of the BCM service and worker, in one place (tested in bcm.policy.spec.ts).
import type { BcmFreshness, BcmRebuildStatus, BusinessContextManifest } from '@raptorflow/contracts';
import { bcmChecksum } from './bcm.checksum';
import { bcmFreshness } from './bcm.freshness';

/** How long the Redis hot copy lives without a read (each read refreshes it). */
export const BCM_CACHE_TTL_SECONDS = 60 * 60;

// Rebuild limits count per calendar day in India (IST, UTC+05:30, no daylight saving): our customers' day.
const IST_OFFSET_MS = (5 * 60 + 30) * 60_000;
const DAY_MS = 86_400_000;

/** The IST calendar day of `now`, as yyyy-mm-dd (the rebuild counter's key part). */
export function rebuildDay(now: Date): string {
  return new Date(now.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
}

/** When the rebuild counter of `now`'s day resets: the next IST midnight. */
export function rebuildDayEnds(now: Date): Date {
  const istMidnight = Math.floor((now.getTime() + IST_OFFSET_MS) / DAY_MS) * DAY_MS;
  return new Date(istMidnight + DAY_MS - IST_OFFSET_MS);
}

/**
 * Whether a freshly built candidate says nothing new: same content, schema and source context as the latest
 * manifest (compared at the latest's version, since the version is part of the checksum), which is not yet stale
 * by age. Such a rebuild stores no version: running a job twice is a no-op, and history only grows on change.
 */
export function isUnchangedRebuild(latest: BusinessContextManifest | null, candidate: BusinessContextManifest, now: Date): boolean {
  if (!latest) return false;
  const fresh = bcmFreshness({ manifest: latest, latestContextVersion: candidate.sourceContextVersion, now, rebuilding: false }) === 'fresh';
  return fresh && bcmChecksum({ ...candidate, version: latest.version }) === latest.checksum;
}

/** A manifest object whose stored checksum matches its content (not a corrupt or tampered copy). */
export function isIntact(value: unknown): value is BusinessContextManifest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const manifest = value as BusinessContextManifest;
  return typeof manifest.checksum === 'string' && typeof manifest.version === 'number' && bcmChecksum(manifest) === manifest.checksum;
}

/** Where a manifest's AI suggestions stand: none (off, failed or timed out), still possible, or there. */
export type BcmAiState = 'none' | 'pending' | 'ready';

/**
 * ETag of GET /context/bcm: the manifest checksum in the steady state (fresh, last rebuild fine). Otherwise the
 * state is appended, so a body cached while fresh is never revalidated once it turned stale, rebuilding or failed.
 * `-ai` marks a body with AI enrichment and `-ai-pending` one still waiting for it (both arrive after the manifest).
 */
export function bcmEtag(checksum: string, freshness: BcmFreshness, status: BcmRebuildStatus, ai: BcmAiState = 'none'): string {
  const steady = freshness === 'fresh' && status !== 'failed';
  const state = steady ? '' : `-${freshness}${status === 'failed' ? '-failed' : ''}`;
  return `"${checksum}${state}${ai === 'none' ? '' : ai === 'ready' ? '-ai' : '-ai-pending'}"`;
}

// Between storing a manifest (its generatedAt is the build's start) and the model call starting.
const ENRICHMENT_GRACE_MS = 2_000;

/** Whether AI suggestions may still arrive for a manifest generated at `generatedAt` (enrichment is bounded). */
export function enrichmentPending(generatedAt: string, aiTimeoutMs: number, now: Date): boolean {
  return now.getTime() - Date.parse(generatedAt) < aiTimeoutMs + ENRICHMENT_GRACE_MS;
}

/** Whether an If-None-Match header names `etag` (a list, weak validators and `*` included). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

const MAX_ERROR_LENGTH = 1000;

/** The last_error text of a failed rebuild (bounded, never empty). */
export function failureMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.trim() || 'Rebuild failed').slice(0, MAX_ERROR_LENGTH);
}
