import type { BcmEnrichment, BusinessContextManifest } from '@raptorflow/contracts';

export type { BcmEnrichment };

/**
 * Port to an AI model (DESIGN.md decision 10). Optional by design: nothing in the journey waits for it,
 * and callers bound every call with a hard timeout.
 */
export abstract class AiProvider {
  /** Extras for a stored manifest, or null when the provider has nothing to add. Should honour `signal`. */
  abstract enrichBcm(manifest: BusinessContextManifest, signal: AbortSignal): Promise<BcmEnrichment | null>;
}

/** The deterministic fallback used when no model is configured: adds nothing, never fails. */
export class NoAiProvider extends AiProvider {
  async enrichBcm(): Promise<BcmEnrichment | null> {
    return null;
  }
}
