import type { WireToken } from './phonepe.wire';

interface CachedToken {
  value: string;
  refreshAt: number;
  expiresAt: number;
}

const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Single-flight OAuth token cache: concurrent callers share one token request. Refreshes 5 min before
 * expiry (at the midpoint for tokens living under 10 min) and keeps a still-valid token if a refresh fails.
 */
export class PhonePeTokenCache {
  private current?: CachedToken;
  private inflight?: Promise<string>;

  constructor(
    private readonly fetchToken: () => Promise<WireToken>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    const current = this.current;
    if (current && this.now() < current.refreshAt) return current.value;
    return this.refresh(current);
  }

  /** After a 401 with `rejected`: fetch a new token unless a concurrent caller already replaced it. */
  async replace(rejected: string): Promise<string> {
    const current = this.current;
    if (current && current.value !== rejected && this.now() < current.expiresAt) return current.value;
    if (current?.value === rejected) this.current = undefined;
    return this.refresh(undefined);
  }

  private refresh(fallback: CachedToken | undefined): Promise<string> {
    this.inflight ??= this.fetchToken()
      .then(
        (wire) => {
          this.current = this.toCached(wire);
          return this.current.value;
        },
        (error: unknown) => {
          if (fallback && this.now() < fallback.expiresAt) return fallback.value;
          throw error;
        },
      )
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }

  // Lifetime from the server's own issued_at/expires_at, applied to our clock, so clock skew does not matter.
  private toCached(wire: WireToken): CachedToken {
    const receivedAt = this.now();
    const issuedAtMs = (wire.issued_at ?? receivedAt / 1000) * 1000;
    const lifetimeMs = Math.max(0, wire.expires_at * 1000 - issuedAtMs);
    const refreshAfterMs = lifetimeMs > 2 * REFRESH_MARGIN_MS ? lifetimeMs - REFRESH_MARGIN_MS : lifetimeMs / 2;
    return { value: wire.access_token, refreshAt: receivedAt + refreshAfterMs, expiresAt: receivedAt + lifetimeMs };
  }
}
