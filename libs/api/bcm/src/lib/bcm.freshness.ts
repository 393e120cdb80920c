import type { BcmFreshness, BusinessContextManifest } from '@raptorflow/contracts';

/** A manifest older than this is stale even if the context did not change. */
export const BCM_MAX_AGE_DAYS = 30;
const MAX_AGE_MS = BCM_MAX_AGE_DAYS * 24 * 60 * 60 * 1000;

export interface BcmFreshnessInput {
  manifest: Pick<BusinessContextManifest, 'sourceContextVersion' | 'generatedAt'> | null | undefined;
  /** Version of the latest business_context, null when none was finalized. */
  latestContextVersion: number | null;
  now: Date;
  /** A rebuild job is queued or running. */
  rebuilding: boolean;
}

/** domain.md "Freshness": rebuilding wins, then missing, then stale (context changed or 30+ days old), else fresh. */
export function bcmFreshness({ manifest, latestContextVersion, now, rebuilding }: BcmFreshnessInput): BcmFreshness {
  if (rebuilding) return 'rebuilding';
  if (!manifest) return 'missing';
  if (latestContextVersion !== null && manifest.sourceContextVersion !== latestContextVersion) return 'stale';
  const generatedAt = Date.parse(manifest.generatedAt);
  // An unreadable timestamp cannot prove freshness.
  if (Number.isNaN(generatedAt) || now.getTime() - generatedAt >= MAX_AGE_MS) return 'stale';
  return 'fresh';
}
