import { InjectionToken } from '@angular/core';

/** How long to wait between status checks while a rebuild runs. */
export const BCM_POLL_INTERVAL_MS = new InjectionToken<number>('BCM_POLL_INTERVAL_MS', { factory: () => 2000 });
