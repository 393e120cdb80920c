import { Injectable } from '@nestjs/common';
import { Tx } from '@raptorflow/api-platform';
import { BillingRepository } from './billing.repository';
import { gstr1Csv, kolkataMonth } from './gst-export';

/** The accountant's GSTR-1 CSV of one `YYYY-MM` month (Asia/Kolkata), every workspace's documents (service role). */
@Injectable()
export class GstMonthExport {
  constructor(private readonly billing: BillingRepository) {}

  async csv(tx: Tx, month: string): Promise<string> {
    const { from, to } = kolkataMonth(month);
    const docs = await this.billing.documentsIssuedBetween(tx, from, to);
    const invoiceIds = [...new Set(docs.flatMap((d) => (d.invoice_id ? [d.invoice_id] : [])))];
    return gstr1Csv(docs, await this.billing.numbersOf(tx, invoiceIds));
  }
}
