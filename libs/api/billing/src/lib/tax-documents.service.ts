import { Injectable } from '@nestjs/common';
import { WorkspaceDirectory } from '@raptorflow/api-auth';
import { AppConfig, Tx } from '@raptorflow/api-platform';
import { BillingPeriod, findGstState, findPlan, PlanId, splitGstInclusive, taxDocumentFilename } from '@raptorflow/contracts';
import { BillingRepository, TaxDocumentRow } from './billing.repository';
import { renderTaxDocumentPdf } from './tax-document.pdf';

/** The parties as printed on a document, snapshotted when it is issued. */
export interface DocumentParty {
  name: string;
  address: string;
  stateCode: string;
  stateName: string;
  gstin: string | null;
  email?: string;
}

export interface SettledPayment {
  merchantOrderId: string;
  workspaceId: string;
  amount: number;
  planId: PlanId;
  period: BillingPeriod;
  paidAt: Date;
  /** The invoice line when it is not one period of the plan (a prorated upgrade). */
  description?: string;
}

export interface SettledRefund {
  merchantRefundId: string;
  merchantOrderId: string;
  amount: number;
  refundedAt: Date;
}

/**
 * Issues GST tax invoices and credit notes inside the caller's service-role transaction (the settlement's), so a
 * payment that commits has its invoice and one that rolls back consumes no number. Both are idempotent.
 */
@Injectable()
export class TaxDocumentsService {
  constructor(
    private readonly config: AppConfig,
    private readonly billing: BillingRepository,
    private readonly directory: WorkspaceDirectory,
  ) {}

  async issueInvoice(tx: Tx, payment: SettledPayment): Promise<TaxDocumentRow> {
    const existing = await this.billing.findInvoiceOf(tx, payment.merchantOrderId);
    if (existing) return existing;
    const buyer = await this.buyerOf(tx, payment.workspaceId);
    const plan = findPlan(payment.planId);
    return this.billing.insertDocument(tx, {
      kind: 'invoice',
      issued_at: payment.paidAt,
      workspace_id: payment.workspaceId,
      merchant_order_id: payment.merchantOrderId,
      merchant_refund_id: null,
      invoice_id: null,
      seller: this.seller(),
      buyer,
      place_of_supply: buyer.stateCode,
      sac: this.config.GST_SAC,
      description: payment.description ?? `RaptorFlow ${plan?.name ?? payment.planId} plan, one ${payment.period} (software as a service)`,
      rate_basis_points: this.config.GST_RATE_BASIS_POINTS,
      total: payment.amount,
      ...splitGstInclusive(payment.amount, this.config.GST_RATE_BASIS_POINTS, buyer.stateCode === this.config.SELLER_STATE_CODE),
    });
  }

  /** A credit note against the payment's invoice, for the same parties and place of supply. */
  async issueCreditNote(tx: Tx, refund: SettledRefund): Promise<TaxDocumentRow | null> {
    const existing = await this.billing.findCreditNoteOf(tx, refund.merchantRefundId);
    if (existing) return existing;
    const invoice = await this.billing.findInvoiceOf(tx, refund.merchantOrderId);
    if (!invoice) return null;
    return this.billing.insertDocument(tx, {
      kind: 'credit_note',
      issued_at: refund.refundedAt,
      workspace_id: invoice.workspace_id,
      merchant_order_id: refund.merchantOrderId,
      merchant_refund_id: refund.merchantRefundId,
      invoice_id: invoice.id,
      seller: invoice.seller as object,
      buyer: invoice.buyer as object,
      place_of_supply: invoice.place_of_supply,
      sac: invoice.sac,
      description: `Refund against invoice ${invoice.number}`,
      rate_basis_points: invoice.rate_basis_points,
      total: refund.amount,
      ...splitGstInclusive(refund.amount, invoice.rate_basis_points, invoice.igst === 0),
    });
  }

  /** The document's PDF (a credit note names its invoice) and its file name. */
  async pdf(tx: Tx, doc: TaxDocumentRow): Promise<{ filename: string; pdf: Buffer }> {
    const invoice = doc.invoice_id ? await this.billing.findDocumentById(tx, doc.invoice_id) : undefined;
    return { filename: taxDocumentFilename(doc.number), pdf: await renderTaxDocumentPdf(doc, invoice?.number) };
  }

  /** The document as a mail attachment (the EmailAttachment shape of libs/api/email). */
  async attachment(tx: Tx, doc: TaxDocumentRow): Promise<{ filename: string; contentType: string; content: string }> {
    const { filename, pdf } = await this.pdf(tx, doc);
    return { filename, contentType: 'application/pdf', content: pdf.toString('base64') };
  }

  private seller(): DocumentParty {
    const c = this.config;
    return { name: c.SELLER_LEGAL_NAME, address: c.SELLER_ADDRESS, stateCode: c.SELLER_STATE_CODE, stateName: stateName(c.SELLER_STATE_CODE), gstin: c.SELLER_GSTIN };
  }

  // Without billing details the founder is an unregistered buyer at the seller's location (place of supply for
  // services without the recipient's address on record, IGST Act s.12(2)(b)).
  private async buyerOf(tx: Tx, workspaceId: string): Promise<DocumentParty> {
    const details = await this.billing.findDetails(tx, workspaceId);
    if (details) {
      return { name: details.legal_name, address: details.address, stateCode: details.state_code, stateName: stateName(details.state_code), gstin: details.gstin };
    }
    const owner = await this.directory.contact(tx, workspaceId, null);
    const stateCode = this.config.SELLER_STATE_CODE;
    return { name: owner ? owner.fullName || owner.workspaceName : 'Customer', address: owner?.email ?? '', email: owner?.email, stateCode, stateName: stateName(stateCode), gstin: null };
  }
}

function stateName(code: string): string {
  return findGstState(code)?.name ?? code;
}
