// Every amount and date the web app and our PDFs show goes through here: en-IN grouping (₹1,23,456) and DD/MM/YYYY in India's time zone.
const ZONE = 'Asia/Kolkata';
const RUPEES = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', maximumFractionDigits: 0 });
const RUPEES_PAISE = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const NUMBER = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 2 });
const TIME = new Intl.DateTimeFormat('en-IN', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: ZONE });
const PARTS = new Intl.DateTimeFormat('en-IN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: ZONE });

/** "₹4,999" from 499900 paise; paise are shown only when there are any ("₹1,23,456.50"). */
export function formatRupees(paise: number): string {
  return (paise % 100 === 0 ? RUPEES : RUPEES_PAISE).format(paise / 100);
}

/** "1,23,456" */
export function formatNumber(value: number): string {
  return NUMBER.format(value);
}

/** "25/11/2026" from an ISO timestamp or a YYYY-MM-DD date (a plain date is not shifted by time zones). */
export function formatDate(value: string | Date): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  const parts = Object.fromEntries(PARTS.formatToParts(new Date(value)).map((p) => [p.type, p.value]));
  return `${parts['day']}/${parts['month']}/${parts['year']}`;
}

/** "25/11/2026, 3:04 pm" */
export function formatDateTime(value: string | Date): string {
  return `${formatDate(value)}, ${TIME.format(new Date(value)).toLowerCase()}`;
}
