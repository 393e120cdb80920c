import { HttpClient, HttpErrorResponse, HttpHeaders, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { BcmRebuildResponse, BcmResponse, BcmVersionSummary, BusinessContextManifest } from '@raptorflow/contracts';
import { Observable, catchError, map, of, throwError } from 'rxjs';

const BASE = '/api/v1/context/bcm';

/** The manifest as the API last sent it, or `unchanged` when our ETag still matched (304). */
export type BcmLoadResult = { kind: 'loaded'; response: BcmResponse; etag: string | null } | { kind: 'unchanged' };

export interface BcmExportFile {
  blob: Blob;
  fileName: string;
}

/** /api/v1/context/bcm; the Bearer token is added by `authInterceptor`. */
@Injectable({ providedIn: 'root' })
export class BcmApiService {
  private readonly http = inject(HttpClient);

  load(etag: string | null): Observable<BcmLoadResult> {
    const headers = etag ? new HttpHeaders({ 'If-None-Match': etag }) : undefined;
    return this.http.get<BcmResponse>(BASE, { headers, observe: 'response' }).pipe(
      map((response): BcmLoadResult => (response.status === 304 || !response.body ? { kind: 'unchanged' } : { kind: 'loaded', response: response.body, etag: response.headers.get('ETag') })),
      // HttpClient treats 304 as an error (not 2xx).
      catchError((error: unknown) => (error instanceof HttpErrorResponse && error.status === 304 ? of<BcmLoadResult>({ kind: 'unchanged' }) : throwError(() => error))),
    );
  }

  rebuild(): Observable<BcmRebuildResponse> {
    return this.http.post<BcmRebuildResponse>(`${BASE}/rebuild`, {});
  }

  versions(): Observable<BcmVersionSummary[]> {
    return this.http.get<BcmVersionSummary[]>(`${BASE}/versions`);
  }

  version(version: number): Observable<BusinessContextManifest> {
    return this.http.get<BusinessContextManifest>(`${BASE}/versions/${version}`);
  }

  /** The latest manifest as the API's JSON or PDF download. */
  export(format: 'json' | 'pdf' = 'json'): Observable<BcmExportFile> {
    return this.http.get(`${BASE}/${format === 'pdf' ? 'export.pdf' : 'export'}`, { observe: 'response', responseType: 'blob' }).pipe(
      map((response: HttpResponse<Blob>) => ({
        blob: response.body ?? new Blob([], { type: format === 'pdf' ? 'application/pdf' : 'application/json' }),
        fileName: exportFileName(response.headers.get('Content-Disposition'), format),
      })),
    );
  }
}

/** The file name the API suggests in `Content-Disposition`, or a generic one. */
export function exportFileName(contentDisposition: string | null, format: 'json' | 'pdf' = 'json'): string {
  const match = /filename="?([^";]+)"?/i.exec(contentDisposition ?? '');
  return match?.[1] ?? `raptorflow-bcm.${format}`;
}
