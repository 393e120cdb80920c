// Database rules for GST paperwork (supabase/migrations/20261201160000_gst_documents.sql), against real Postgres.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { gstinCheckCharacter } from '../../libs/shared/contracts/src/lib/gst';

async function connect(): Promise<Client> {
  const client = new Client({ connectionString: process.env['DATABASE_URL'] });
  await client.connect();
  return client;
}

// An invoice as the service role writes it, issued at `issuedAt`, for a GST-inclusive ₹9,999 within a state.
async function insertInvoice(c: Client, issuedAt = new Date(), total = 999_900): Promise<{ id: string; number: string; serial: number; fiscal_year: string }> {
  const cgst = Math.floor((total - Math.round(total / 1.18)) / 2);
  const taxable = Math.round(total / 1.18);
  const { rows } = await c.query(
    `insert into public.tax_documents (kind, issued_at, merchant_order_id, seller, buyer, place_of_supply, sac, description,
       rate_basis_points, taxable, cgst, sgst, igst, total)
     values ('invoice', $1, $2, '{}', '{}', '27', '997331', 'Growth plan, 1 month', 1800, $3, $4, $5, 0, $6)
     returning id, number, serial, fiscal_year`,
    [issuedAt, `RF_TEST_${randomUUID().slice(0, 8)}`, taxable, cgst, total - taxable - cgst, total],
  );
  return rows[0];
}

describe('tax document numbering', () => {
  let admin: Client;
  // Each test numbers in a financial year of its own, far in the future, so tests do not share a series.
  const fy = (startYear: number, month = 5) => new Date(Date.UTC(startYear, month, 15));

  beforeAll(async () => (admin = await connect()));
  afterAll(() => admin.end());

  it('gives 50 concurrent settlements 50 consecutive numbers, without gaps or duplicates', async () => {
    const clients = await Promise.all(Array.from({ length: 50 }, connect));
    try {
      const numbers = await Promise.all(
        clients.map(async (c) => {
          await c.query('begin');
          await c.query('set local role service_role');
          const doc = await insertInvoice(c, fy(2090));
          await c.query('commit');
          return doc;
        }),
      );
      expect(numbers.map((n) => n.serial).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(new Set(numbers.map((n) => n.number)).size).toBe(50);
      expect(numbers.map((n) => n.number)).toContain('RF/90-91/000050');
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });

  it('gives a rolled-back settlement’s number to the next one', async () => {
    expect((await insertInvoice(admin, fy(2091))).number).toBe('RF/91-92/000001');
    await admin.query('begin');
    expect((await insertInvoice(admin, fy(2091))).number).toBe('RF/91-92/000002');
    await admin.query('rollback');
    expect((await insertInvoice(admin, fy(2091))).number).toBe('RF/91-92/000002');
  });

  it('starts a new series at midnight of 1 April in India', async () => {
    expect((await insertInvoice(admin, new Date('2093-03-31T18:29:59Z'))).number).toBe('RF/92-93/000001');
    expect((await insertInvoice(admin, new Date('2093-03-31T18:30:00Z'))).number).toBe('RF/93-94/000001');
    expect((await insertInvoice(admin, new Date('2093-04-01T10:00:00Z'))).number).toBe('RF/93-94/000002');
  });

  it('refuses parts that do not add up, and mixed CGST and IGST', async () => {
    const insert = (taxable: number, cgst: number, sgst: number, igst: number, total: number) =>
      admin.query(
        `insert into public.tax_documents (kind, issued_at, merchant_order_id, seller, buyer, place_of_supply, sac, description,
           rate_basis_points, taxable, cgst, sgst, igst, total)
         values ('invoice', $1, $2, '{}', '{}', '27', '997331', 'x', 1800, $3, $4, $5, $6, $7)`,
        [fy(2094), `RF_BAD_${randomUUID().slice(0, 8)}`, taxable, cgst, sgst, igst, total],
      );
    await expect(insert(100, 9, 9, 0, 119)).rejects.toThrow(/check constraint/);
    await expect(insert(100, 9, 0, 9, 118)).rejects.toThrow(/check constraint/);
    // Refused inserts take no number.
    expect((await insertInvoice(admin, fy(2094))).number).toBe('RF/94-95/000001');
  });

  it('keeps credit notes within their invoice and numbers them in their own series', async () => {
    const invoice = await insertInvoice(admin, fy(2095), 10_000);
    const note = (total: number) =>
      admin.query(
        `insert into public.tax_documents (kind, issued_at, merchant_order_id, merchant_refund_id, invoice_id, seller, buyer,
           place_of_supply, sac, description, rate_basis_points, taxable, cgst, sgst, igst, total)
         select 'credit_note', $1, merchant_order_id, $2, id, '{}', '{}', '27', '997331', 'Refund', 1800, $3, 0, 0, $4, $5
         from public.tax_documents where id = $6 returning number`,
        [fy(2095), `RFR_${randomUUID().slice(0, 8)}`, total - Math.floor(total * 0.18 / 1.18), Math.floor(total * 0.18 / 1.18), total, invoice.id],
      );
    expect((await note(6_000)).rows[0].number).toBe('CN/95-96/000001');
    await expect(note(4_001)).rejects.toThrow(/exceed invoice/);
    expect((await note(4_000)).rows[0].number).toBe('CN/95-96/000002');
  });

  it('never lets anyone change or delete a tax document, not even the superuser', async () => {
    const invoice = await insertInvoice(admin, fy(2096));
    await expect(admin.query(`update public.tax_documents set total = total where id = $1`, [invoice.id])).rejects.toThrow(/never changed/);
    await expect(admin.query(`delete from public.tax_documents where id = $1`, [invoice.id])).rejects.toThrow(/never changed/);
    await admin.query('begin');
    await admin.query('set local role service_role');
    await expect(admin.query(`delete from public.tax_documents where id = $1`, [invoice.id])).rejects.toThrow(/permission denied/);
    await admin.query('rollback');
  });
});

describe('GSTIN check in SQL', () => {
  let admin: Client;
  beforeAll(async () => (admin = await connect()));
  afterAll(() => admin.end());

  it('agrees with the TypeScript rule on 500 random GSTIN prefixes', async () => {
    const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const prefixes = Array.from({ length: 500 }, () => Array.from({ length: 14 }, () => chars[Math.floor(Math.random() * 36)]).join(''));
    const { rows } = await admin.query('select public.gstin_check_character(p) as c from unnest($1::text[]) with ordinality as t(p, i) order by i', [prefixes]);
    expect(rows.map((r) => r.c)).toEqual(prefixes.map(gstinCheckCharacter));
  });

  it('refuses billing details whose GSTIN is malformed, of another state or mistyped', async () => {
    const { rows } = await admin.query(
      `select public.gstin_is_valid('27AAPFU0939F1ZV', '27') as ok, public.gstin_is_valid('27AAPFU0939F1ZV', '29') as other_state,
              public.gstin_is_valid('27AAPFU0939F1ZW', '27') as typo, public.gstin_is_valid('27AAPFU0939F1Z', '27') as short`,
    );
    expect(rows[0]).toEqual({ ok: true, other_state: false, typo: false, short: false });
  });
});
