import { FormControl, FormGroup } from '@angular/forms';
import { endNotBeforeStart } from './campaign-dialog.component';

describe('endNotBeforeStart', () => {
  const dates = (startDate: string, endDate: string) => new FormGroup({ startDate: new FormControl(startDate), endDate: new FormControl(endDate) });

  it('accepts an end on or after the start', () => {
    expect(endNotBeforeStart(dates('2026-12-01', '2026-12-01'))).toBeNull();
    expect(endNotBeforeStart(dates('2026-12-01', '2027-01-31'))).toBeNull();
  });

  it('rejects an end before the start', () => {
    expect(endNotBeforeStart(dates('2026-12-01', '2026-11-30'))).toEqual({ endBeforeStart: true });
  });
});
