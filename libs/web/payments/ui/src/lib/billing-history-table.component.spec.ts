import { TestBed } from '@angular/core/testing';
import type { PaymentView, RefundView, TaxDocumentView } from '@raptorflow/contracts';
import { BillingHistoryTableComponent } from './billing-history-table.component';

const payment = (overrides: Partial<PaymentView>): PaymentView => ({
  merchantOrderId: 'RF_1',
  planId: 'growth',
  period: 'month',
  amount: 999_900,
  purpose: 'subscription',
  state: 'COMPLETED',
  failureReason: null,
  refundedAmount: 0,
  refunds: [],
  createdAt: '2026-11-25T10:00:00.000Z',
  completedAt: '2026-11-25T10:01:00.000Z',
  ...overrides,
});
const refund = (merchantOrderId: string, amount: number, state: RefundView['state']): RefundView => ({
  merchantRefundId: `RFR_${amount}`,
  merchantOrderId,
  amount,
  state,
  reason: 'operator',
  createdAt: '2026-11-26T10:00:00.000Z',
  completedAt: null,
});
const doc = (id: string, kind: TaxDocumentView['kind'], number: string, merchantOrderId: string, issuedAt: string): TaxDocumentView => ({
  id,
  kind,
  number,
  merchantOrderId,
  issuedAt,
  taxable: 0,
  cgst: 0,
  sgst: 0,
  igst: 0,
  total: 0,
});

describe('BillingHistoryTableComponent', () => {
  async function render(payments: PaymentView[], documents: TaxDocumentView[] | null = null) {
    const fixture = TestBed.createComponent(BillingHistoryTableComponent);
    fixture.componentRef.setInput('payments', payments);
    fixture.componentRef.setInput('documents', documents);
    const downloads: TaxDocumentView[] = [];
    fixture.componentInstance.download.subscribe((d) => downloads.push(d));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const rows = () => Array.from(el.querySelectorAll('tbody tr')).map((row) => Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim()));
    return { el, rows, downloads };
  }

  it("names an upgrade's prorated payment as the upgrade", async () => {
    const { rows } = await render([payment({ purpose: 'upgrade' }), payment({ merchantOrderId: 'RF_0' })]);
    expect(rows().map((cells) => cells[1])).toEqual(['Upgrade to Growth (monthly)', 'Growth (monthly)']);
  });

  it('shows each payment with its status, refunded amount and tax documents (en-IN)', async () => {
    const { rows } = await render(
      [
        payment({ merchantOrderId: 'RF_2', refundedAmount: 100_000, refunds: [refund('RF_2', 100_000, 'COMPLETED'), refund('RF_2', 50_050, 'PENDING')], createdAt: '2026-11-28T04:30:00.000Z' }),
        payment({ merchantOrderId: 'RF_1', planId: 'pro', period: 'year', amount: 19_999_000, refundedAmount: 19_999_000 }),
        payment({ merchantOrderId: 'RF_0', state: 'FAILED', failureReason: 'The bank declined the payment.' }),
      ],
      [
        doc('d3', 'credit_note', 'CN/26-27/2', 'RF_2', '2026-11-29T00:00:00Z'),
        doc('d2', 'invoice', 'RF/26-27/2', 'RF_2', '2026-11-28T00:00:00Z'),
        doc('d1', 'invoice', 'RF/26-27/1', 'RF_1', '2026-11-25T00:00:00Z'),
      ],
    );
    expect(rows()).toEqual([
      ['28/11/2026, 10:00 am', 'Growth (monthly)', '₹9,999', 'Partly refunded', '₹1,000 + ₹500.50 pending', 'RF/26-27/2 Credit note CN/26-27/2'],
      ['25/11/2026, 3:30 pm', 'Pro (yearly)', '₹1,99,990', 'Refunded', '₹1,99,990', 'RF/26-27/1'],
      ['25/11/2026, 3:30 pm', 'Growth (monthly)', '₹9,999', 'Failed: The bank declined the payment.', '–', '–'],
    ]);
  });

  it('downloads the credit note the founder clicks, by an accessible name', async () => {
    const note = doc('d3', 'credit_note', 'CN/26-27/2', 'RF_2', '2026-11-29T00:00:00Z');
    const { el, downloads } = await render([payment({ merchantOrderId: 'RF_2', refundedAmount: 100_000 })], [note, doc('d2', 'invoice', 'RF/26-27/2', 'RF_2', '2026-11-28T00:00:00Z')]);
    const names = Array.from(el.querySelectorAll('button')).map((b) => b.getAttribute('aria-label'));
    expect(names).toEqual(['Download tax invoice RF/26-27/2', 'Download credit note CN/26-27/2']);
    (el.querySelector('button[aria-label="Download credit note CN/26-27/2"]') as HTMLButtonElement).click();
    expect(downloads).toEqual([note]);
  });

  it('hides the documents column without documents, and says when there are no payments', async () => {
    const { el } = await render([payment({})]);
    expect(Array.from(el.querySelectorAll('thead th')).map((th) => th.textContent)).toEqual(['Date', 'Plan', 'Amount', 'Status', 'Refunded']);
    const empty = await render([]);
    expect(empty.el.textContent).toContain('No payments yet.');
  });
});
