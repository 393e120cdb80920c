import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule } from '@raptorflow/api-auth';
import { TestIdentityProvider, TestUser } from '@raptorflow/api-auth/testing';
import { Database, HttpPlatformModule } from '@raptorflow/api-platform';
import { createTestApp } from '@raptorflow/api-platform/testing';
import type { TaxDocumentView } from '@raptorflow/contracts';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { BillingModule } from './billing.module';
import { TaxDocumentsService } from './tax-documents.service';

// The test seller (local defaults) is in Karnataka (29) with GSTIN 29AAHCR4321K1Z5.
describe('GST billing details and tax documents', () => {
  let idp: TestIdentityProvider;
  let app: NestFastifyApplication;
  let documents: TaxDocumentsService;
  let db: Database;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    app = await createTestApp({ imports: [HttpPlatformModule, AuthModule, BillingModule] }, { SUPABASE_URL: idp.url, RATE_LIMIT_PER_MINUTE: '100000' });
    documents = app.get(TaxDocumentsService);
    db = app.get(Database);
  });
  afterAll(async () => {
    await app?.close();
    await idp?.close();
  });

  const call = (method: 'GET' | 'PUT', url: string, token: string, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, payload });

  async function founder(): Promise<TestUser & { workspaceId: string }> {
    const user = await idp.createUser(undefined, 'Asha Rao');
    const workspaceId = (await call('GET', '/workspace', user.token)).json().id;
    return { ...user, workspaceId };
  }

  // As the settlement transaction issues it.
  const settle = (workspaceId: string, amount = 999_900) => {
    const merchantOrderId = `RF_TEST_${randomUUID().slice(0, 8)}`;
    return db.asService((tx) => documents.issueInvoice(tx, { merchantOrderId, workspaceId, amount, planId: 'growth', period: 'month', paidAt: new Date() }));
  };

  const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString();

  describe('billing details', () => {
    it('refuses a GSTIN that is mistyped, of another state or malformed, naming the field, and keeps nothing', async () => {
      const owner = await founder();
      const base = { legalName: 'Acme Analytics Private Limited', address: '12 MG Road, Pune 411001', stateCode: '27' };
      for (const gstin of ['27AAPFU0939F1ZW', '29AAGCB7383J1Z4', '27AAPFU0939F1Z']) {
        const res = await call('PUT', '/billing/details', owner.token, { ...base, gstin });
        expect([gstin, res.statusCode]).toEqual([gstin, 400]);
        expect(JSON.stringify(res.json().details)).toContain('gstin');
      }
      const badState = await call('PUT', '/billing/details', owner.token, { ...base, stateCode: '25' });
      expect(badState.statusCode).toBe(400);
      expect(badState.json().message).toContain('stateCode');
      expect((await call('GET', '/billing/details', owner.token)).json()).toBeNull();

      const saved = await call('PUT', '/billing/details', owner.token, { ...base, gstin: ' 27aapfu0939f1zv ' });
      expect(saved.statusCode).toBe(200);
      expect((await call('GET', '/billing/details', owner.token)).json()).toEqual({ ...base, gstin: '27AAPFU0939F1ZV' });
      // An individual clears the GSTIN.
      expect((await call('PUT', '/billing/details', owner.token, { ...base, gstin: '' })).json().gstin).toBeNull();
    });
  });

  describe('invoices', () => {
    it('charges CGST + SGST within the seller’s state and IGST across states, adding up to the paise paid', async () => {
      const local = await founder();
      await call('PUT', '/billing/details', local.token, { legalName: 'Bengaluru Bakes LLP', address: 'Indiranagar, Bengaluru', stateCode: '29', gstin: '29AAGCB7383J1Z4' });
      const intra = await settle(local.workspaceId);
      expect(intra).toMatchObject({ place_of_supply: '29', taxable: 847_373, cgst: 76_263, sgst: 76_264, igst: 0, total: 999_900 });
      expect(intra.number).toMatch(/^RF\/\d\d-\d\d\/\d{6}$/);

      const other = await founder();
      await call('PUT', '/billing/details', other.token, { legalName: 'Acme Analytics Private Limited', address: '12 MG Road, Pune', stateCode: '27', gstin: '27AAPFU0939F1ZV' });
      expect(await settle(other.workspaceId, 499_900)).toMatchObject({ place_of_supply: '27', taxable: 423_644, cgst: 0, sgst: 0, igst: 76_256, total: 499_900 });
    });

    it('bills a founder without billing details as unregistered, at the seller’s state, and issues each invoice once', async () => {
      const owner = await founder();
      const merchantOrderId = `RF_TEST_${randomUUID().slice(0, 8)}`;
      const payment = { merchantOrderId, workspaceId: owner.workspaceId, amount: 499_900, planId: 'starter' as const, period: 'month' as const, paidAt: new Date() };
      const first = await db.asService((tx) => documents.issueInvoice(tx, payment));
      const again = await db.asService((tx) => documents.issueInvoice(tx, payment));
      expect(again.number).toBe(first.number);
      expect(first).toMatchObject({ place_of_supply: '29', igst: 0, buyer: { name: 'Asha Rao', gstin: null } });
      expect((await call('GET', '/billing/documents', owner.token)).json()).toHaveLength(1);
    });

    it('renders a PDF with every Rule 46 field, the same bytes each time, only for the owner', async () => {
      const owner = await founder();
      await call('PUT', '/billing/details', owner.token, { legalName: 'Acme Analytics Private Limited', address: '12 MG Road, Pune 411001', stateCode: '27', gstin: '27AAPFU0939F1ZV' });
      const invoice = await settle(owner.workspaceId);
      const [listed] = (await call('GET', '/billing/documents', owner.token)).json() as TaxDocumentView[];
      expect(listed).toMatchObject({ number: invoice.number, kind: 'invoice', total: 999_900 });

      const res = await call('GET', `/billing/documents/${invoice.id}/pdf`, owner.token);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain(invoice.number.replace(/\//g, '-'));
      const text = pdfText(res.rawPayload);
      for (const field of [
        'TAX INVOICE',
        invoice.number,
        'RaptorFlow Technologies Private Limited',
        'GSTIN: 29AAHCR4321K1Z5',
        'Acme Analytics Private Limited',
        '12 MG Road, Pune 411001',
        'GSTIN: 27AAPFU0939F1ZV',
        'State: Maharashtra, code 27',
        'Place of supply: Maharashtra (27)',
        'Reverse charge: No',
        'SAC: 997331',
        'Taxable value: INR 8,473.73',
        'IGST @ 18%: INR 1,525.27',
        'Total (paid): INR 9,999.00',
        'Authorised signatory',
      ]) {
        expect(text).toContain(field);
      }
      expect(text).toMatch(/Date of issue: \d\d\/\d\d\/\d{4}/);
      expect((await call('GET', `/billing/documents/${invoice.id}/pdf`, owner.token)).rawPayload.equals(res.rawPayload)).toBe(true);

      const stranger = await founder();
      expect((await call('GET', `/billing/documents/${invoice.id}/pdf`, stranger.token)).statusCode).toBe(404);
      expect((await call('GET', '/billing/documents/not-a-uuid/pdf', owner.token)).statusCode).toBe(400);
    });
  });

  describe('credit notes', () => {
    it('credits part of an invoice in its own series, for the same parties, and never more than was invoiced', async () => {
      const owner = await founder();
      await call('PUT', '/billing/details', owner.token, { legalName: 'Bengaluru Bakes LLP', address: 'Indiranagar, Bengaluru', stateCode: '29' });
      const invoice = await settle(owner.workspaceId);
      const refund = (amount: number) =>
        db.asService((tx) => documents.issueCreditNote(tx, { merchantRefundId: `RFR_${randomUUID().slice(0, 8)}`, merchantOrderId: invoice.merchant_order_id, amount, refundedAt: new Date() }));
      const note = await refund(250_000);
      expect(note).toMatchObject({ kind: 'credit_note', invoice_id: invoice.id, place_of_supply: '29', total: 250_000, igst: 0 });
      expect(note!.number).toMatch(/^CN\//);
      expect(note!.taxable + note!.cgst + note!.sgst).toBe(250_000);
      await expect(refund(749_901)).rejects.toThrow(/exceed invoice/);

      const pdf = pdfText((await call('GET', `/billing/documents/${note!.id}/pdf`, owner.token)).rawPayload);
      expect(pdf).toContain('CREDIT NOTE');
      expect(pdf).toContain(`Against invoice: ${invoice.number}`);
      expect(pdf).toContain('Total (refunded): INR 2,500.00');
    });
  });

  it('lets only the owner see or change billing', async () => {
    const member = await idp.createUser();
    // A member of someone else's workspace is not its owner; their own workspace is theirs, so switch them.
    const owner = await founder();
    await db.asService(async (tx) => {
      // A team plan has the seat (supabase/migrations/*_seat_limits.sql).
      await tx
        .insertInto('subscriptions')
        .values({ workspace_id: owner.workspaceId, plan_id: 'growth', period: 'month', status: 'active', current_period_start: new Date(), current_period_end: new Date(Date.now() + 30 * 86_400_000) })
        .execute();
      await tx.insertInto('workspace_members').values({ workspace_id: owner.workspaceId, user_id: member.id, role: 'member' }).execute();
      await tx.updateTable('users').set({ current_workspace_id: owner.workspaceId }).where('id', '=', member.id).execute();
    });
    const read = await call('GET', '/billing/details', member.token);
    expect(read.statusCode).toBe(403);
    expect(read.json()).toMatchObject({ code: 'OWNER_REQUIRED' });
    expect((await call('PUT', '/billing/details', member.token, { legalName: 'X', address: 'Y', stateCode: '29' })).statusCode).toBe(403);
  });

  it('answers 404 to a user without a workspace', async () => {
    const loner = await founder();
    await db.asService((tx) => tx.deleteFrom('workspaces').where('id', '=', loner.workspaceId).execute());
    expect((await call('GET', '/billing/details', loner.token)).statusCode).toBe(404);
    expect((await call('GET', '/billing/documents', loner.token)).statusCode).toBe(404);
  });
});
