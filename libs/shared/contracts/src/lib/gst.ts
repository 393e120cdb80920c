// GST rules for tax invoices and credit notes (CGST Act s.31, CGST Rules r.46; shared/reference/india-billing.md).
// A chartered accountant must confirm the SAC and the rate before production use; both are configuration.

export interface GstState {
  /** The two-digit GST state code, also the first two characters of a GSTIN registered there. */
  code: string;
  name: string;
}

// Codes in use today: 25 (Daman and Diu) merged into 26 in 2020 and 28 (old Andhra Pradesh) gave way to 37.
export const GST_STATES: readonly GstState[] = [
  { code: '01', name: 'Jammu and Kashmir' },
  { code: '02', name: 'Himachal Pradesh' },
  { code: '03', name: 'Punjab' },
  { code: '04', name: 'Chandigarh' },
  { code: '05', name: 'Uttarakhand' },
  { code: '06', name: 'Haryana' },
  { code: '07', name: 'Delhi' },
  { code: '08', name: 'Rajasthan' },
  { code: '09', name: 'Uttar Pradesh' },
  { code: '10', name: 'Bihar' },
  { code: '11', name: 'Sikkim' },
  { code: '12', name: 'Arunachal Pradesh' },
  { code: '13', name: 'Nagaland' },
  { code: '14', name: 'Manipur' },
  { code: '15', name: 'Mizoram' },
  { code: '16', name: 'Tripura' },
  { code: '17', name: 'Meghalaya' },
  { code: '18', name: 'Assam' },
  { code: '19', name: 'West Bengal' },
  { code: '20', name: 'Jharkhand' },
  { code: '21', name: 'Odisha' },
  { code: '22', name: 'Chhattisgarh' },
  { code: '23', name: 'Madhya Pradesh' },
  { code: '24', name: 'Gujarat' },
  { code: '26', name: 'Dadra and Nagar Haveli and Daman and Diu' },
  { code: '27', name: 'Maharashtra' },
  { code: '29', name: 'Karnataka' },
  { code: '30', name: 'Goa' },
  { code: '31', name: 'Lakshadweep' },
  { code: '32', name: 'Kerala' },
  { code: '33', name: 'Tamil Nadu' },
  { code: '34', name: 'Puducherry' },
  { code: '35', name: 'Andaman and Nicobar Islands' },
  { code: '36', name: 'Telangana' },
  { code: '37', name: 'Andhra Pradesh' },
  { code: '38', name: 'Ladakh' },
  { code: '97', name: 'Other Territory' },
];

export function findGstState(code: string): GstState | undefined {
  return GST_STATES.find((s) => s.code === code);
}

const GSTIN_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
// State code, PAN (5 letters, 4 digits, 1 letter), entity number, the default 'Z', check character.
const GSTIN_FORMAT = /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;

/** The check character of a GSTIN's first 14 characters (the GSTN's mod-36 Luhn variant). */
export function gstinCheckCharacter(first14: string): string {
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const product = GSTIN_CHARS.indexOf(first14[i]) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return GSTIN_CHARS[(36 - (sum % 36)) % 36];
}

export type GstinProblem = 'format' | 'state' | 'check';

/** Why a GSTIN (upper case, no spaces) is not valid for a customer in `stateCode`, or null when it is. */
export function gstinProblem(gstin: string, stateCode: string): GstinProblem | null {
  if (!GSTIN_FORMAT.test(gstin)) return 'format';
  if (gstin.slice(0, 2) !== stateCode) return 'state';
  if (gstinCheckCharacter(gstin.slice(0, 14)) !== gstin[14]) return 'check';
  return null;
}

export const GSTIN_PROBLEM_MESSAGES: Record<GstinProblem, string> = {
  format: 'A GSTIN has 15 characters: state code, PAN, entity number, Z and a check character',
  state: 'The GSTIN’s first two digits must be the code of the billing state',
  check: 'The GSTIN’s last character does not match (check for a typing mistake)',
};

export interface GstSplit {
  /** The taxable value in paise. */
  taxable: number;
  cgst: number;
  sgst: number;
  igst: number;
}

/**
 * Splits a GST-inclusive amount in paise into taxable value and taxes. One rounding rule: the taxable value is
 * the inclusive amount divided by (1 + rate), rounded half up to the paisa; the tax is the rest; within a state
 * CGST gets the lower half and SGST the odd paisa. The parts always add up to the amount.
 */
export function splitGstInclusive(amount: number, rateBasisPoints: number, intraState: boolean): GstSplit {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`amount must be whole paise, got ${amount}`);
  const divisor = 10_000 + rateBasisPoints;
  const taxable = Math.floor((2 * amount * 10_000 + divisor) / (2 * divisor));
  const tax = amount - taxable;
  if (!intraState) return { taxable, cgst: 0, sgst: 0, igst: tax };
  const cgst = Math.floor(tax / 2);
  return { taxable, cgst, sgst: tax - cgst, igst: 0 };
}

/** The Indian financial year (1 April to 31 March, in India's time zone) of a moment, as "26-27". */
export function financialYear(at: Date): string {
  const ist = new Date(at.getTime() + 330 * 60_000);
  const start = ist.getUTCMonth() >= 3 ? ist.getUTCFullYear() : ist.getUTCFullYear() - 1;
  const yy = (y: number) => String(y % 100).padStart(2, '0');
  return `${yy(start)}-${yy(start + 1)}`;
}

export type TaxDocumentKind = 'invoice' | 'credit_note';

export const TAX_DOCUMENT_PREFIX: Record<TaxDocumentKind, string> = { invoice: 'RF', credit_note: 'CN' };

/** "RF/26-27/000123": at most 16 characters (Rule 46) up to 9,999,999 documents a year. */
export function taxDocumentNumber(kind: TaxDocumentKind, fiscalYear: string, serial: number): string {
  return `${TAX_DOCUMENT_PREFIX[kind]}/${fiscalYear}/${String(serial).padStart(6, '0')}`;
}

/** GET/PUT /api/v1/billing/details: who the tax invoices are made out to. */
export interface BillingDetails {
  legalName: string;
  address: string;
  stateCode: string;
  /** Null for individuals and unregistered businesses. */
  gstin: string | null;
}

/** One row of GET /api/v1/billing/documents; amounts in paise. */
export interface TaxDocumentView {
  id: string;
  kind: TaxDocumentKind;
  number: string;
  issuedAt: string;
  merchantOrderId: string;
  taxable: number;
  cgst: number;
  sgst: number;
  igst: number;
  total: number;
}

/** A tax document's file name: "RF-26-27-000123.pdf" for "RF/26-27/000123" (the API's download and mail attachment, the browser's save). */
export function taxDocumentFilename(number: string): string {
  return `${number.replace(/\//g, '-')}.pdf`;
}
