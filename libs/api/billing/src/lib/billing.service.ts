import { Injectable } from '@nestjs/common';
import { Database, NotFoundError, Tx, UserClaims, WorkspaceAccess } from '@raptorflow/api-platform';
import { BillingDetails, GSTIN_PROBLEM_MESSAGES, gstinProblem, TaxDocumentView } from '@raptorflow/contracts';
import { BillingError } from './billing.errors';
import { BillingDetailsRow, BillingRepository, TaxDocumentRow } from './billing.repository';
import { TaxDocumentsService } from './tax-documents.service';

/** The owner's billing details and their workspace's tax documents (RLS: owners only). */
@Injectable()
export class BillingService {
  constructor(
    private readonly db: Database,
    private readonly billing: BillingRepository,
    private readonly access: WorkspaceAccess,
    private readonly taxDocuments: TaxDocumentsService,
  ) {}

  details(claims: UserClaims): Promise<BillingDetails | null> {
    return this.asOwner(claims, async (tx, ws) => {
      const row = await this.billing.findDetails(tx, ws);
      return row ? toDetails(row) : null;
    });
  }

  saveDetails(claims: UserClaims, input: BillingDetails): Promise<BillingDetails> {
    const gstin = input.gstin || null;
    const problem = gstin ? gstinProblem(gstin, input.stateCode) : null;
    if (problem) throw new BillingError('VALIDATION_FAILED', `gstin: ${GSTIN_PROBLEM_MESSAGES[problem]}`, [{ field: 'gstin', problems: [GSTIN_PROBLEM_MESSAGES[problem]] }]);
    return this.asOwner(claims, async (tx, ws) =>
      toDetails(await this.billing.saveDetails(tx, ws, { legal_name: input.legalName, address: input.address, state_code: input.stateCode, gstin })),
    );
  }

  documents(claims: UserClaims): Promise<TaxDocumentView[]> {
    return this.asOwner(claims, async (tx, ws) => (await this.billing.listDocuments(tx, ws)).map(toView));
  }

  pdf(claims: UserClaims, id: string): Promise<{ filename: string; pdf: Buffer }> {
    return this.asOwner(claims, async (tx, ws) => {
      const doc = await this.billing.findDocument(tx, ws, id);
      if (!doc) throw new NotFoundError('Tax document');
      return this.taxDocuments.pdf(tx, doc);
    });
  }

  private asOwner<T>(claims: UserClaims, fn: (tx: Tx, workspaceId: string) => Promise<T>): Promise<T> {
    return this.db.asUser(claims, async (tx) => {
      // Owner only, whatever the subscription: an expired workspace's owner still needs its invoices.
      const { workspaceId } = await this.access.owned(tx, claims.sub, 'manage billing');
      return fn(tx, workspaceId);
    });
  }
}

function toDetails(row: BillingDetailsRow): BillingDetails {
  return { legalName: row.legal_name, address: row.address, stateCode: row.state_code, gstin: row.gstin };
}

function toView(row: TaxDocumentRow): TaxDocumentView {
  return {
    id: row.id,
    kind: row.kind,
    number: row.number,
    issuedAt: new Date(row.issued_at).toISOString(),
    merchantOrderId: row.merchant_order_id,
    taxable: row.taxable,
    cgst: row.cgst,
    sgst: row.sgst,
    igst: row.igst,
    total: row.total,
  };
}
