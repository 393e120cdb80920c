import type { TaxDocumentRow } from './billing.repository';
import { gstr1Csv, gstr1Section } from './gst-export';

const doc = (overrides: Partial<TaxDocumentRow>): TaxDocumentRow => ({
  id: 'inv-1',
  kind: 'invoice',
  fiscal_year: '26-27',
  serial: 1,
  number: 'RF/26-27/000001',
  issued_at: new Date('2026-12-01T20:00:00Z'),
  workspace_id: 'ws',
  merchant_order_id: 'RF_X',
  merchant_refund_id: null,
  invoice_id: null,
  seller: {},
  buyer: { name: 'Acme, "the" Analytics', address: 'Pune', stateCode: '27', stateName: 'Maharashtra', gstin: '27AAPFU0939F1ZV' },
  place_of_supply: '27',
  sac: '997331',
  description: 'Growth',
  rate_basis_points: 1800,
  taxable: 847_373,
  cgst: 0,
  sgst: 0,
  igst: 152_527,
  total: 999_900,
  ...overrides,
});

describe('gstr1Section', () => {
  it.each([
    [{}, 'B2B'],
    [{ buyer: { name: 'Asha', gstin: null } }, 'B2CS'],
    [{ buyer: { name: 'Asha', gstin: null }, total: 10_000_001, igst: 1 }, 'B2CL'],
    [{ buyer: { name: 'Asha', gstin: null }, total: 10_000_001, igst: 0, cgst: 1, sgst: 1 }, 'B2CS'],
    [{ kind: 'credit_note' as const }, 'CDNR'],
    [{ kind: 'credit_note' as const, buyer: { name: 'Asha', gstin: null } }, 'CDNUR'],
  ])('puts %j in %s', (overrides, section) => {
    expect(gstr1Section(doc(overrides))).toBe(section);
  });
});

describe('gstr1Csv', () => {
  it('writes one quoted row per document with rupee amounts, IST dates and the invoice a credit note reduces', () => {
    const note = doc({ id: 'cn-1', kind: 'credit_note', number: 'CN/26-27/000001', invoice_id: 'inv-1', taxable: 211_864, igst: 38_136, total: 250_000 });
    const lines = gstr1Csv([doc({}), note], new Map([['inv-1', 'RF/26-27/000001']])).split('\r\n');
    expect(lines[0]).toBe(
      'Document type,Document number,Document date,Original invoice number,GSTR-1 section,Recipient GSTIN,Recipient name,Place of supply,Reverse charge,Rate (%),Taxable value,IGST,CGST,SGST,Cess,Document value',
    );
    // 20:00 UTC on 1 December is 01:30 on 2 December in India.
    expect(lines[1]).toBe('Invoice,RF/26-27/000001,02-12-2026,,B2B,27AAPFU0939F1ZV,"Acme, ""the"" Analytics",27-Maharashtra,N,18.00,8473.73,1525.27,0.00,0.00,0.00,9999.00');
    expect(lines[2]).toBe('Credit note,CN/26-27/000001,02-12-2026,RF/26-27/000001,CDNR,27AAPFU0939F1ZV,"Acme, ""the"" Analytics",27-Maharashtra,N,18.00,2118.64,381.36,0.00,0.00,0.00,2500.00');
    expect(lines).toHaveLength(4);
  });

  it('keeps a name that starts like a formula from running in a spreadsheet', () => {
    const csv = gstr1Csv([doc({ buyer: { name: '=HYPERLINK("x")', gstin: null } })], new Map());
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
