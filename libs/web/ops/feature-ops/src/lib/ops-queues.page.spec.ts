import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import type { OpsQueues, OpsQueueView } from '@raptorflow/contracts';
import { OpsQueuesPage } from './ops-queues.page';

const queue = (name: string, changes: Partial<OpsQueueView> = {}): OpsQueueView => ({
  name,
  paused: false,
  depth: 0,
  counts: { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0, prioritized: 0 },
  stalled: [],
  failed: [],
  ...changes,
});

const overview: OpsQueues = {
  at: '2026-12-01T10:00:00.000Z',
  outbox: { undelivered: 3, withErrors: 1, oldestUndeliveredAt: '2026-12-01T09:00:00.000Z' },
  queues: [
    queue('email', {
      depth: 1234,
      counts: { waiting: 1200, active: 4, delayed: 30, failed: 1, completed: 50, prioritized: 0 },
      failed: [{ id: 'email-receipt-RF_1', name: 'send', attemptsMade: 8, failedReason: 'Resend said 500', createdAt: '2026-12-01T08:00:00.000Z', finishedAt: '2026-12-01T09:30:00.000Z' }],
    }),
    queue('bcm-rebuild', { depth: 1, counts: { waiting: 0, active: 1, delayed: 0, failed: 0, completed: 0, prioritized: 0 }, stalled: [{ id: 'bcm-w1', name: 'rebuild', attemptsMade: 0, failedReason: null, createdAt: '2026-12-01T09:59:00.000Z', finishedAt: null }] }),
    queue('system'),
  ],
};

describe('OpsQueuesPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideNoopAnimations()] });
    http = TestBed.inject(HttpTestingController);
  });

  async function render() {
    const fixture = TestBed.createComponent(OpsQueuesPage);
    http.expectOne('/api/v1/ops/queues').flush(overview);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('shows each queue with en-IN counts, the outbox backlog, and failed and stalled jobs', async () => {
    const { el } = await render();
    const row = (name: string) => Array.from(el.querySelectorAll(`[data-queue="${name}"] th, [data-queue="${name}"] td`)).map((c) => c.textContent?.trim());
    expect(row('email')).toEqual(['email', '1,234', '1,200', '4', '30', '1', '0', '50']);
    expect(row('bcm-rebuild')).toEqual(['bcm-rebuild', '1', '0', '1', '0', '0', '1', '0']);
    expect(el.querySelector('[data-testid="ops-outbox"]')?.textContent).toContain('3 not yet delivered, 1 with errors, oldest 01/12/2026, 2:30 pm');
    expect(el.querySelector('[data-testid="ops-failed-email"]')?.textContent).toContain('Resend said 500');
    expect(el.textContent).toContain('bcm-w1');
    // Nothing wrong with the system queue: it gets no card.
    expect(Array.from(el.querySelectorAll('h2')).map((h) => h.textContent?.trim())).toEqual(['email', 'bcm-rebuild']);
  });

  it('retries a failed job only with a reason, and shows the new counts', async () => {
    const { fixture, el } = await render();
    const retry = el.querySelector('button[aria-label="Retry job email-receipt-RF_1 of email"]') as HTMLButtonElement;
    expect(retry.disabled).toBe(true);
    const input = el.querySelector('[data-testid="ops-reason"]') as HTMLInputElement;
    input.value = 'Resend is back';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(retry.disabled).toBe(false);
    retry.click();
    const req = http.expectOne('/api/v1/ops/queues/email/jobs/email-receipt-RF_1/retry');
    expect([req.request.method, req.request.body]).toEqual(['POST', { reason: 'Resend is back' }]);
    req.flush({ ...overview, queues: [queue('email'), queue('system')] });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="ops-notice"]')?.textContent).toContain('Job email-receipt-RF_1 of email is back in the queue.');
    expect(el.textContent).toContain('No failed or stalled jobs.');
  });

  it('says so when the queues cannot be read', async () => {
    const fixture = TestBed.createComponent(OpsQueuesPage);
    http.expectOne('/api/v1/ops/queues').flush({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'The queues (Redis) are not answering; please try again shortly.' }, { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Try again in a moment.');
  });
});
