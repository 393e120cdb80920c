import { TestBed } from '@angular/core/testing';
import { ApplicationRef as ApplicationRef, signal } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { type BcmRebuildDialogView, openBcmRebuildDialog } from './bcm-rebuild-dialog.component';

describe('BcmRebuildDialogComponent', () => {
  it('confirms, shows progress, then the failure reason', async () => {
    const view = signal<BcmRebuildDialogView>({ phase: 'idle', error: null, version: 3 });
    let confirmed = 0;
    openBcmRebuildDialog(TestBed.inject(MatDialog), { view, confirm: () => (confirmed += 1) }, () => undefined);
    await TestBed.inject(ApplicationRef).whenStable();
    const overlay = () => document.querySelector('.cdk-overlay-container') as HTMLElement;

    (Array.from(overlay().querySelectorAll('button')).find((b) => b.textContent?.includes('Rebuild now')) as HTMLButtonElement).click();
    expect(confirmed).toBe(1);

    view.set({ phase: 'rebuilding', error: null, version: 3 });
    await TestBed.inject(ApplicationRef).whenStable();
    expect(overlay().textContent).toContain('Rebuilding…');

    view.set({ phase: 'failed', error: 'Context invalid', version: 3 });
    await TestBed.inject(ApplicationRef).whenStable();
    expect(overlay().querySelector('[role="alert"]')?.textContent).toContain('Context invalid');
  });
});
