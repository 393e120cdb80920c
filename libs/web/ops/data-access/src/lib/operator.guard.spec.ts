import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Route, UrlSegment } from '@angular/router';
import { firstValueFrom, type Observable } from 'rxjs';
import { operatorGuard } from './operator.guard';

describe('operatorGuard', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });

  const run = () => firstValueFrom(TestBed.runInInjectionContext(() => operatorGuard({} as Route, [] as UrlSegment[]) as Observable<boolean>));

  it('matches when the API says the user is an operator', async () => {
    const result = run();
    http.expectOne('/api/v1/ops/me').flush({ operator: true });
    expect(await result).toBe(true);
  });

  it('sends an operator without two-factor authentication to Settings to set it up', async () => {
    const result = TestBed.runInInjectionContext(() => firstValueFrom(operatorGuard({} as Route, [] as UrlSegment[]) as Observable<unknown>));
    http.expectOne('/api/v1/ops/me').flush({ code: 'AAL2_REQUIRED', details: { factorEnrolled: false } }, { status: 403, statusText: 'no' });
    expect(String(await result)).toBe('/app/settings');
  });

  it.each([403, 401, 503])('does not match when the API answers %s', async (status) => {
    const result = run();
    http.expectOne('/api/v1/ops/me').flush({ code: 'OPERATOR_REQUIRED' }, { status, statusText: 'no' });
    expect(await result).toBe(false);
  });
});
