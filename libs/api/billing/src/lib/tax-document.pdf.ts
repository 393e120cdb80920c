import { renderPdf } from '@raptorflow/api-platform';
import type { TaxDocumentRow } from './billing.repository';
import type { DocumentParty } from './tax-documents.service';

// Rupee amounts with Indian digit grouping. The PDF's built-in Helvetica has no ₹ glyph, hence "INR".
const inr = (paise: number) => `INR ${new Intl.NumberFormat('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(paise / 100)}`;
const istDate = (at: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', day: '2-digit', month: '2-digit', year: 'numeric' }).format(at);

/**
 * A tax invoice or credit note as a PDF with every field CGST Rules r.46 asks for, rendered only from the stored
 * row: the same row always gives the same bytes (dates in the file are the issue date).
 */
export function renderTaxDocumentPdf(doc: TaxDocumentRow, invoiceNumber?: string): Promise<Buffer> {
  const issuedAt = new Date(doc.issued_at);
  const seller = doc.seller as DocumentParty;
  const buyer = doc.buyer as DocumentParty;
  const title = doc.kind === 'invoice' ? 'TAX INVOICE' : 'CREDIT NOTE';
  return renderPdf({ title: `${title} ${doc.number}`, author: seller.name, createdAt: issuedAt }, (pdf) => {
    pdf.font('Helvetica-Bold').fontSize(16).text(title);
    pdf.font('Helvetica').fontSize(10).moveDown(0.5);
    pdf.text(`${doc.kind === 'invoice' ? 'Invoice' : 'Credit note'} number: ${doc.number}`);
    pdf.text(`Date of issue: ${istDate(issuedAt)}`);
    if (invoiceNumber) pdf.text(`Against invoice: ${invoiceNumber}`);
    pdf.text(`Order reference: ${doc.merchant_order_id}${doc.merchant_refund_id ? `, refund ${doc.merchant_refund_id}` : ''}`);

    party(pdf, 'Supplier', seller);
    party(pdf, 'Recipient', buyer);

    pdf.moveDown().text(`Place of supply: ${buyer.stateName} (${doc.place_of_supply})`);
    pdf.text('Reverse charge: No');

    const rate = doc.rate_basis_points / 100;
    pdf.moveDown().font('Helvetica-Bold').text('Description');
    pdf.font('Helvetica').text(doc.description);
    pdf.text(`SAC: ${doc.sac}`);
    pdf.moveDown(0.5);
    const lines: [string, number][] = [['Taxable value', doc.taxable]];
    if (doc.igst > 0 || (doc.cgst === 0 && doc.sgst === 0)) lines.push([`IGST @ ${rate}%`, doc.igst]);
    else lines.push([`CGST @ ${rate / 2}%`, doc.cgst], [`SGST @ ${rate / 2}%`, doc.sgst]);
    lines.push([doc.kind === 'invoice' ? 'Total (paid)' : 'Total (refunded)', doc.total]);
    for (const [label, paise] of lines) pdf.text(`${label}: ${inr(paise)}`);

    pdf.moveDown(2).text(`For ${seller.name}`);
    pdf.text('Authorised signatory. Issued electronically; no signature required under the proviso to Rule 46(q).');
  });
}

function party(pdf: PDFKit.PDFDocument, heading: string, p: DocumentParty): void {
  pdf.moveDown().font('Helvetica-Bold').text(heading);
  pdf.font('Helvetica').text(p.name);
  if (p.address) pdf.text(p.address);
  pdf.text(`State: ${p.stateName}, code ${p.stateCode}`);
  pdf.text(p.gstin ? `GSTIN: ${p.gstin}` : 'GSTIN: unregistered');
}
