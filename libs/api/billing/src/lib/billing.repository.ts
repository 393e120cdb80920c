import { Injectable } from '@nestjs/common';
import { Tx } from '@raptorflow/api-platform';
import type { TaxDocumentKind } from '@raptorflow/contracts';

export interface BillingDetailsRow {
  legal_name: string;
  address: string;
  state_code: string;
  gstin: string | null;
}

export interface TaxDocumentValues {
  kind: TaxDocumentKind;
  issued_at: Date;
  workspace_id: string | null;
  merchant_order_id: string;
  merchant_refund_id: string | null;
  invoice_id: string | null;
  seller: object;
  buyer: object;
  place_of_supply: string;
  sac: string;
  description: string;
  rate_basis_points: number;
  taxable: number;
  cgst: number;
  sgst: number;
  igst: number;
  total: number;
}

export interface TaxDocumentRow extends TaxDocumentValues {
  id: string;
  fiscal_year: string;
  serial: number;
  number: string;
}

const DETAILS_COLUMNS = ['legal_name', 'address', 'state_code', 'gstin'] as const;
const DOCUMENT_COLUMNS = [
  'id', 'kind', 'fiscal_year', 'serial', 'number', 'issued_at', 'workspace_id', 'merchant_order_id', 'merchant_refund_id', 'invoice_id',
  'seller', 'buyer', 'place_of_supply', 'sac', 'description', 'rate_basis_points', 'taxable', 'cgst', 'sgst', 'igst', 'total',
] as const;

/** workspace_billing_details and tax_documents (supabase/migrations/20261201160000_gst_documents.sql). */
@Injectable()
export class BillingRepository {
  findDetails(tx: Tx, workspaceId: string): Promise<BillingDetailsRow | undefined> {
    return tx.selectFrom('workspace_billing_details').select(DETAILS_COLUMNS).where('workspace_id', '=', workspaceId).executeTakeFirst();
  }

  saveDetails(tx: Tx, workspaceId: string, values: BillingDetailsRow): Promise<BillingDetailsRow> {
    return tx
      .insertInto('workspace_billing_details')
      .values({ workspace_id: workspaceId, ...values })
      .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
      .returning(DETAILS_COLUMNS)
      .executeTakeFirstOrThrow();
  }

  listDocuments(tx: Tx, workspaceId: string): Promise<TaxDocumentRow[]> {
    return tx.selectFrom('tax_documents').select(DOCUMENT_COLUMNS).where('workspace_id', '=', workspaceId).orderBy('issued_at', 'desc').limit(200).execute() as Promise<TaxDocumentRow[]>;
  }

  findDocument(tx: Tx, workspaceId: string, id: string): Promise<TaxDocumentRow | undefined> {
    return tx.selectFrom('tax_documents').select(DOCUMENT_COLUMNS).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst() as Promise<TaxDocumentRow | undefined>;
  }

  findDocumentById(tx: Tx, id: string): Promise<TaxDocumentRow | undefined> {
    return tx.selectFrom('tax_documents').select(DOCUMENT_COLUMNS).where('id', '=', id).executeTakeFirst() as Promise<TaxDocumentRow | undefined>;
  }

  findInvoiceOf(tx: Tx, merchantOrderId: string): Promise<TaxDocumentRow | undefined> {
    return tx.selectFrom('tax_documents').select(DOCUMENT_COLUMNS).where('merchant_order_id', '=', merchantOrderId).where('kind', '=', 'invoice').executeTakeFirst() as Promise<TaxDocumentRow | undefined>;
  }

  findCreditNoteOf(tx: Tx, merchantRefundId: string): Promise<TaxDocumentRow | undefined> {
    return tx.selectFrom('tax_documents').select(DOCUMENT_COLUMNS).where('merchant_refund_id', '=', merchantRefundId).where('kind', '=', 'credit_note').executeTakeFirst() as Promise<TaxDocumentRow | undefined>;
  }

  /** Every workspace's documents issued in [from, to), oldest first (service role: the accountant's export). */
  documentsIssuedBetween(tx: Tx, from: Date, to: Date): Promise<TaxDocumentRow[]> {
    return tx.selectFrom('tax_documents').select(DOCUMENT_COLUMNS).where('issued_at', '>=', from).where('issued_at', '<', to).orderBy('kind').orderBy('serial').execute() as Promise<TaxDocumentRow[]>;
  }

  /** Document numbers by id (the invoices a month's credit notes refer to may be older than the month). */
  async numbersOf(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await tx.selectFrom('tax_documents').select(['id', 'number']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.number]));
  }

  insertDocument(tx: Tx, values: TaxDocumentValues): Promise<TaxDocumentRow> {
    return tx
      .insertInto('tax_documents')
      .values({ ...values, seller: JSON.stringify(values.seller), buyer: JSON.stringify(values.buyer) })
      .returning(DOCUMENT_COLUMNS)
      .executeTakeFirstOrThrow() as Promise<TaxDocumentRow>;
  }
}
