import { InjectionToken } from '@angular/core';

/** How long an unsent save waits when no "online" event comes (the API may be down rather than the network). */
export const SAVE_RETRY_MS = new InjectionToken<number>('SAVE_RETRY_MS', { providedIn: 'root', factory: () => 10_000 });
