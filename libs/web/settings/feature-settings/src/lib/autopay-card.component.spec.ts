import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import type { MandateView } from '@raptorflow/contracts';
import { of } from 'rxjs';
import { AutopayCardComponent } from './autopay-card.component';

const active: MandateView = {
  state: 'active',
  pausedBy: null,
  planId: 'growth',
  period: 'month',
  maxAmount: 999_900,
  amount: 999_900,
  frequency: 'MONTHLY',
  validUntil: '2031-12-01T00:00:00.000Z',
  nextDebitAt: '2027-01-01T06:30:00.000Z',
  nextDebitAmount: 999_900,
  renewUrl: 'http://localhost:4200/onboarding/payment?plan=growth&period=month',
};

describe('AutopayCardComponent', () => {
  async function render(mandate: MandateView | null) {
    TestBed.configureTestingModule({
      imports: [AutopayCardComponent],
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: MatDialog, useValue: { open: () => ({ afterClosed: () => of(true) }) } }],
    });
    const fixture = TestBed.createComponent(AutopayCardComponent);
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/v1/payments/autopay').flush({ mandate });
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement, http };
  }

  it('shows the mandate: max amount, frequency, validity and the next debit in en-IN', async () => {
    const { page } = await render(active);
    expect(page.querySelector('[data-testid="autopay-state"]')?.textContent).toBe('Active');
    expect(page.querySelector('[data-testid="autopay-max"]')?.textContent).toContain('₹9,999');
    expect(page.querySelector('[data-testid="autopay-next"]')?.textContent).toBe('₹9,999 on 01/01/2027');
    expect(page.textContent).toContain('Every month');
  });

  it('pauses, and after a confirmation dialog cancels', async () => {
    const { page, http, fixture } = await render(active);
    page.querySelector<HTMLButtonElement>('[data-testid="autopay-pause"]')?.click();
    http.expectOne('/api/v1/payments/autopay/pause').flush({ mandate: { ...active, state: 'paused', pausedBy: 'founder', nextDebitAt: null } });
    await fixture.whenStable();
    expect(page.querySelector('[data-testid="autopay-state"]')?.textContent).toBe('Paused');
    expect(page.querySelector('[data-testid="autopay-resume"]')).not.toBeNull();
    expect(page.querySelector('a')?.getAttribute('href')).toBe(active.renewUrl);
    page.querySelector<HTMLButtonElement>('[data-testid="autopay-cancel"]')?.click();
    http.expectOne('/api/v1/payments/autopay/cancel').flush({ mandate: { ...active, state: 'revoked', nextDebitAt: null } });
    await fixture.whenStable();
    expect(page.querySelector('[data-testid="autopay-state"]')?.textContent).toBe('Cancelled');
  });

  it('says a pause made in the UPI app is resumed there', async () => {
    const { page } = await render({ ...active, state: 'paused', pausedBy: 'customer', nextDebitAt: null });
    expect(page.querySelector('[data-testid="autopay-resume"]')).toBeNull();
    expect(page.textContent).toContain('resume it there');
  });

  it('shows nothing without a mandate', async () => {
    const { page } = await render(null);
    expect(page.querySelector('[data-testid="autopay-card"]')).toBeNull();
  });
});
