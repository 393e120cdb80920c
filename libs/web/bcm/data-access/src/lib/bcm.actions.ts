import type { BcmResponse, BcmVersionSummary } from '@raptorflow/contracts';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

export const BcmPageActions = createActionGroup({
  source: 'BCM Page',
  events: {
    // Any /app page that shows the manifest; the load is conditional (ETag), so repeating it is cheap.
    Opened: emptyProps(),
    'Rebuild Confirmed': emptyProps(),
    'Rebuild Dialog Opened': emptyProps(),
    'Rebuild Dialog Closed': emptyProps(),
    'Export Clicked': emptyProps(),
    'Pdf Export Clicked': emptyProps(),
    'Versions Opened': emptyProps(),
  },
});

export const BcmApiActions = createActionGroup({
  source: 'BCM API',
  events: {
    'Manifest Loaded': props<{ response: BcmResponse; etag: string | null }>(),
    // 304: the copy in the store is still current.
    'Manifest Unchanged': emptyProps(),
    'Manifest Load Failed': props<{ error: string }>(),
    'Rebuild Queued': props<{ jobId: string }>(),
    'Rebuild Request Failed': props<{ error: string }>(),
    'Versions Loaded': props<{ versions: BcmVersionSummary[] }>(),
    'Versions Load Failed': props<{ error: string }>(),
    'Export Downloaded': props<{ fileName: string }>(),
    'Export Failed': props<{ error: string }>(),
  },
});
