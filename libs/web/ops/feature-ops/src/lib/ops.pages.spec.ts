import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import type { OpsPaymentStory } from '@raptorflow/contracts';
import { OpsPaymentPage, OpsSearchPage } from './ops.pages';

const story: OpsPaymentStory = {
  payment: {
    merchantOrderId: 'RF_1',
    planId: 'starter',
    period: 'month',
    amount: 499_900,
    state: 'COMPLETED',
    failureReason: null,
    purpose: 'subscription',
    refundedAmount: 0,
    refunds: [],
    createdAt: '2026-12-01T10:00:00.000Z',
    completedAt: '2026-12-01T10:01:00.000Z',
    workspaceId: 'w1',
    userId: 'u1',
    capturedAmount: 499_900,
    providerOrderId: 'OMO1',
  },
  refunds: [],
  events: [
    { at: '2026-12-01T10:00:00.000Z', kind: 'request', summary: 'Checkout requested', detail: {} },
    { at: '2026-12-01T10:00:30.000Z', kind: 'webhook', summary: 'Webhook checkout.order.completed (COMPLETED): authorization verified', detail: {} },
  ],
};

describe('operator console pages', () => {
  let http: HttpTestingController;

  function setUp(params: Record<string, string>) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideNoopAnimations(), { provide: ActivatedRoute, useValue: { snapshot: { paramMap: convertToParamMap(params), queryParamMap: convertToParamMap({}) } } }],
    });
    http = TestBed.inject(HttpTestingController);
  }

  it('shows a payment story and refunds part of it with the reason typed', async () => {
    setUp({ merchantOrderId: 'RF_1' });
    const fixture = TestBed.createComponent(OpsPaymentPage);
    http.expectOne('/api/v1/ops/payments/RF_1').flush(story);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="ops-events"]')?.textContent).toContain('authorization verified');
    const type = (testid: string, value: string) => {
      const input = el.querySelector(`[data-testid="${testid}"]`) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    type('ops-reason', 'Customer asked');
    type('ops-refund-amount', '1000');
    await fixture.whenStable();
    (Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Refund') as HTMLButtonElement).click();
    const req = http.expectOne('/api/v1/ops/payments/RF_1/refund');
    expect(req.request.body).toEqual({ amount: 100_000, reason: 'Customer asked' });
    req.flush({ merchantRefundId: 'RFR_1', merchantOrderId: 'RF_1', amount: 100_000, state: 'PENDING', reason: 'operator', createdAt: '', completedAt: null });
    http.expectOne('/api/v1/ops/payments/RF_1').flush({ ...story, payment: { ...story.payment, refundedAmount: 100_000 } });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="ops-notice"]')?.textContent).toContain('RFR_1');
  });

  it('searches and links each hit to its workspace or payment', async () => {
    setUp({});
    const fixture = TestBed.createComponent(OpsSearchPage);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const input = el.querySelector('[data-testid="ops-search"]') as HTMLInputElement;
    input.value = 'founder@example.com';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    (el.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    http.expectOne((r) => r.url === '/api/v1/ops/search' && r.params.get('q') === 'founder@example.com').flush([
      { kind: 'user', workspaceId: 'w1', label: 'founder@example.com · RF-2026-0001 · owner of Acme', merchantOrderId: null },
      { kind: 'payment', workspaceId: 'w1', label: 'RF_1', merchantOrderId: 'RF_1' },
    ]);
    await fixture.whenStable();
    const links = Array.from(el.querySelectorAll('[data-testid="ops-hits"] a')).map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/ops/workspaces/w1', '/ops/payments/RF_1']);
  });
});
