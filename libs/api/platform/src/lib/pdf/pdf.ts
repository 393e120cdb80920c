import PDFDocument = require('pdfkit');

/** What goes in the PDF's info dictionary; the dates are fixed so the same rows always give the same bytes. */
export interface PdfInfo {
  title: string;
  author: string;
  createdAt: Date;
}

/**
 * Our documents' one pdfkit setup (GST invoices, credit notes, manifest exports): A4, 50 pt margins, the built-in
 * Helvetica (WinAnsi only: write text through `pdfText`). `draw` writes the pages; the buffer is the whole file.
 */
export function renderPdf(info: PdfInfo, draw: (pdf: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margin: 50, info: { Title: info.title, Author: info.author, CreationDate: info.createdAt, ModDate: info.createdAt } });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  draw(pdf);
  pdf.end();
  return done;
}

// Characters outside WinAnsi that founders type often; anything else Helvetica cannot draw becomes "?".
const SPELLED: Record<string, string> = { '₹': 'INR ', '✓': 'v', '→': '->', '←': '<-', '≥': '>=', '≤': '<=', '×': 'x' };
// WinAnsi's printable range: Latin-1 plus the typographic punctuation in 0x80-0x9F (quotes, dashes, ellipsis, €, ™).
const WIN_ANSI = /[^\t\n\r\x20-\x7e\xa0-\xff\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]/gu;

/** Text Helvetica can draw: "₹4,999" becomes "INR 4,999", other characters it lacks become "?". */
export function pdfText(text: string): string {
  return text.replace(/[₹✓→←≥≤×]/gu, (c) => SPELLED[c] ?? c).replace(WIN_ANSI, '?');
}
