import { findGstState } from '@raptorflow/contracts';
import type { TaxDocumentRow } from './billing.repository';
import type { DocumentParty } from './tax-documents.service';

// The columns a GSTR-1 return is prepared from (tables 4A B2B, 5 B2CL, 7 B2CS and 9B CDNR/CDNUR), one row per
// document. Amounts in rupees with two decimals; dates DD-MM-YYYY as the GST portal's offline tool takes them.
export const GSTR1_COLUMNS = [
  'Document type',
  'Document number',
  'Document date',
  'Original invoice number',
  'GSTR-1 section',
  'Recipient GSTIN',
  'Recipient name',
  'Place of supply',
  'Reverse charge',
  'Rate (%)',
  'Taxable value',
  'IGST',
  'CGST',
  'SGST',
  'Cess',
  'Document value',
] as const;

// B2CL: an inter-state supply to an unregistered recipient above ₹1,00,000 (threshold since 1 August 2024).
const B2CL_THRESHOLD_PAISE = 10_000_000;

/** The GSTR-1 section a document belongs in. */
export function gstr1Section(doc: Pick<TaxDocumentRow, 'kind' | 'igst' | 'total'> & { buyer: unknown }): string {
  const registered = Boolean((doc.buyer as DocumentParty).gstin);
  if (doc.kind === 'credit_note') return registered ? 'CDNR' : 'CDNUR';
  if (registered) return 'B2B';
  return doc.igst > 0 && doc.total > B2CL_THRESHOLD_PAISE ? 'B2CL' : 'B2CS';
}

/** One month's invoices and credit notes as CSV for the accountant, oldest first. */
export function gstr1Csv(docs: readonly TaxDocumentRow[], invoiceNumbers: ReadonlyMap<string, string>): string {
  const rupees = (paise: number) => (paise / 100).toFixed(2);
  const date = (at: Date) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', day: '2-digit', month: '2-digit', year: 'numeric' }).format(at).replace(/\//g, '-');
  const rows = docs.map((d) => {
    const buyer = d.buyer as DocumentParty;
    return [
      d.kind === 'invoice' ? 'Invoice' : 'Credit note',
      d.number,
      date(new Date(d.issued_at)),
      d.invoice_id ? (invoiceNumbers.get(d.invoice_id) ?? '') : '',
      gstr1Section(d),
      buyer.gstin ?? '',
      buyer.name,
      `${d.place_of_supply}-${findGstState(d.place_of_supply)?.name ?? ''}`,
      'N',
      (d.rate_basis_points / 100).toFixed(2),
      rupees(d.taxable),
      rupees(d.igst),
      rupees(d.cgst),
      rupees(d.sgst),
      '0.00',
      rupees(d.total),
    ];
  });
  return [GSTR1_COLUMNS, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

// RFC 4180 quoting; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula.
function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** [start, next month's start) of a `YYYY-MM` month in Asia/Kolkata (UTC+05:30 all year, no daylight saving). */
export function kolkataMonth(month: string): { from: Date; to: Date } {
  const [year, mm] = month.split('-').map(Number);
  const next = mm === 12 ? `${year + 1}-01` : `${year}-${String(mm + 1).padStart(2, '0')}`;
  return { from: new Date(`${month}-01T00:00:00+05:30`), to: new Date(`${next}-01T00:00:00+05:30`) };
}
