import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
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

/**
 * The state behind one billing-details form (`rf-billing-details-form`): the saved details, whether a save runs, and
 * the API's field problems. Create it in a component's field initializer (it injects).
 */
export class BillingDetailsEditor {
  readonly details = signal<BillingDetails | null>(null);
  readonly errors = signal<Record<string, string>>({});
  readonly saving = signal(false);
  private readonly api = inject(BillingApiService);
  private readonly destroyRef = inject(DestroyRef);

  /** Loads what was saved; a non-owner simply keeps an empty form. */
  load(): void {
    this.api
      .details()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (details) => this.details.set(details), error: () => undefined });
  }

  /** Field problems show under their fields; any other failure goes to `failed`. */
  save(details: BillingDetails, saved: (details: BillingDetails) => void, failed: (error: unknown) => void): void {
    this.saving.set(true);
    this.errors.set({});
    this.api
      .saveDetails(details)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (result) => {
          this.details.set(result);
          this.saving.set(false);
          saved(result);
        },
        error: (error: unknown) => {
          this.saving.set(false);
          const fields = fieldErrors(error);
          if (Object.keys(fields).length) this.errors.set(fields);
          else failed(error);
        },
      });
  }
}
