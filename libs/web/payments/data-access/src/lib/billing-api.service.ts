import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { BillingDetails, TaxDocumentView } from '@raptorflow/contracts';
import type { Observable } from 'rxjs';

/** GST billing details and tax documents (/api/v1/billing, owners only); the Bearer token comes from `authInterceptor`. */
@Injectable({ providedIn: 'root' })
export class BillingApiService {
  private readonly http = inject(HttpClient);

  details(): Observable<BillingDetails | null> {
    return this.http.get<BillingDetails | null>('/api/v1/billing/details');
  }

  saveDetails(details: BillingDetails): Observable<BillingDetails> {
    return this.http.put<BillingDetails>('/api/v1/billing/details', details);
  }

  documents(): Observable<TaxDocumentView[]> {
    return this.http.get<TaxDocumentView[]>('/api/v1/billing/documents');
  }

  pdf(id: string): Observable<Blob> {
    return this.http.get(`/api/v1/billing/documents/${encodeURIComponent(id)}/pdf`, { responseType: 'blob' });
  }
}

/** The API's field problems (`details: [{ field, problems }]`) by field, for a form to show under each input. */
export function fieldErrors(error: unknown): Record<string, string> {
  const details = error instanceof HttpErrorResponse ? (error.error?.details as { field?: string; problems?: string[] }[] | undefined) : undefined;
  return Object.fromEntries((Array.isArray(details) ? details : []).filter((d) => d.field).map((d) => [d.field as string, (d.problems ?? []).join('; ')]));
}

/** Saves a tax document's PDF under its file name through the browser. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
