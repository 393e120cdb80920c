import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { BcmApiService, exportFileName } from './bcm-api.service';
import { makeBcmResponse } from './bcm.builders';

describe('BcmApiService', () => {
  let api: BcmApiService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(BcmApiService);
    http = TestBed.inject(HttpTestingController);
  });

  it('revalidates with If-None-Match and treats 304 as unchanged', async () => {
    const result = firstValueFrom(api.load('"e1"'));
    const request = http.expectOne('/api/v1/context/bcm');
    expect(request.request.headers.get('If-None-Match')).toBe('"e1"');
    request.flush(null, { status: 304, statusText: 'Not Modified' });
    expect(await result).toEqual({ kind: 'unchanged' });
  });

  it('returns the body and ETag of a 200', async () => {
    const body = makeBcmResponse();
    const result = firstValueFrom(api.load(null));
    const request = http.expectOne('/api/v1/context/bcm');
    expect(request.request.headers.has('If-None-Match')).toBe(false);
    request.flush(body, { headers: { ETag: '"e2"' } });
    expect(await result).toEqual({ kind: 'loaded', response: body, etag: '"e2"' });
  });

  it('reads the export file name from Content-Disposition', () => {
    expect(exportFileName('attachment; filename="raptorflow-bcm-v7.json"')).toBe('raptorflow-bcm-v7.json');
    expect(exportFileName(null)).toBe('raptorflow-bcm.json');
  });
});
