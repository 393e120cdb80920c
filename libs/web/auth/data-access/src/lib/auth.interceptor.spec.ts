import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { FakeSupabaseAuthClient } from '../testing';
import { authInterceptor } from './auth.interceptor';
import { SupabaseAuthClient } from './supabase-auth.client';
import { AAL2_CHALLENGE } from './two-factor';

describe('authInterceptor', () => {
  let auth: FakeSupabaseAuthClient;

  let challenges = 0;
  // The code dialog: passes (the session becomes aal2, with a new token) when `passes` says so.
  let passes = true;

  function setup() {
    auth = new FakeSupabaseAuthClient();
    challenges = 0;
    passes = true;
    const challenge = async () => {
      challenges++;
      if (passes && auth.session) auth.session = { ...auth.session, accessToken: 'token-aal2' };
      return passes;
    };
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: SupabaseAuthClient, useValue: auth },
        { provide: AAL2_CHALLENGE, useValue: challenge },
      ],
    });
    return { http: TestBed.inject(HttpClient), backend: TestBed.inject(HttpTestingController) };
  }

  // The interceptor awaits the token before the request reaches the backend.
  const tick = () => new Promise((resolve) => setTimeout(resolve));

  it('adds the access token to API calls', async () => {
    const { http, backend } = setup();
    auth.session = { email: 'a@b.co', accessToken: 'token-a' };
    const response = firstValueFrom(http.get('/api/v1/auth/verify-profile'));
    await tick();
    const request = backend.expectOne('/api/v1/auth/verify-profile');
    expect(request.request.headers.get('Authorization')).toBe('Bearer token-a');
    request.flush({ ok: true });
    expect(await response).toEqual({ ok: true });
  });

  it('sends API calls without a header when signed out', async () => {
    const { http, backend } = setup();
    void firstValueFrom(http.get('/api/v1/health'));
    await tick();
    expect(backend.expectOne('/api/v1/health').request.headers.has('Authorization')).toBe(false);
  });

  it('never sends the token to other origins', async () => {
    const { http, backend } = setup();
    auth.session = { email: 'a@b.co', accessToken: 'token-a' };
    void firstValueFrom(http.get('https://example.com/api/v1/x'));
    await tick();
    expect(backend.expectOne('https://example.com/api/v1/x').request.headers.has('Authorization')).toBe(false);
  });

  it('refreshes the session once on a 401 and retries with the new token', async () => {
    const { http, backend } = setup();
    auth.session = { email: 'a@b.co', accessToken: 'stale' };
    const response = firstValueFrom(http.get('/api/v1/auth/verify-profile'));
    await tick();
    backend.expectOne('/api/v1/auth/verify-profile').flush({ code: 'TOKEN_EXPIRED' }, { status: 401, statusText: 'Unauthorized' });
    await tick();
    const retry = backend.expectOne('/api/v1/auth/verify-profile');
    expect(retry.request.headers.get('Authorization')).toBe(`Bearer ${auth.session?.accessToken}`);
    expect(auth.session?.accessToken).not.toBe('stale');
    retry.flush({ ok: true });
    expect(await response).toEqual({ ok: true });
  });

  it('asks for the second factor on 403 AAL2_REQUIRED and retries once with the aal2 token', async () => {
    const { http, backend } = setup();
    auth.session = { email: 'a@b.co', accessToken: 'token-aal1' };
    const response = firstValueFrom(http.put('/api/v1/billing/details', { legalName: 'x' }));
    await tick();
    backend.expectOne('/api/v1/billing/details').flush({ code: 'AAL2_REQUIRED', details: { factorEnrolled: true } }, { status: 403, statusText: 'Forbidden' });
    await tick();
    const retry = backend.expectOne('/api/v1/billing/details');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer token-aal2');
    expect(retry.request.body).toEqual({ legalName: 'x' });
    retry.flush({ ok: true });
    expect(await response).toEqual({ ok: true });
    expect(challenges).toBe(1);
  });

  it('passes the refusal on when the code is not given, or when there is no factor to ask for', async () => {
    const { http, backend } = setup();
    auth.session = { email: 'a@b.co', accessToken: 'token-aal1' };
    passes = false;
    const cancelled = firstValueFrom(http.delete('/api/v1/auth/account'));
    await tick();
    backend.expectOne('/api/v1/auth/account').flush({ code: 'AAL2_REQUIRED', details: { factorEnrolled: true } }, { status: 403, statusText: 'Forbidden' });
    await expect(cancelled).rejects.toMatchObject({ status: 403 });
    const noFactor = firstValueFrom(http.get('/api/v1/ops/me'));
    await tick();
    backend.expectOne('/api/v1/ops/me').flush({ code: 'AAL2_REQUIRED', details: { factorEnrolled: false } }, { status: 403, statusText: 'Forbidden' });
    await expect(noFactor).rejects.toMatchObject({ status: 403 });
    expect(challenges).toBe(1);
    backend.verify();
  });

  it('gives up after one refresh', async () => {
    const { http, backend } = setup();
    auth.session = { email: 'a@b.co', accessToken: 'stale' };
    const response = firstValueFrom(http.get('/api/v1/auth/verify-profile'));
    await tick();
    backend.expectOne('/api/v1/auth/verify-profile').flush({ code: 'TOKEN_INVALID' }, { status: 401, statusText: 'Unauthorized' });
    await tick();
    backend.expectOne('/api/v1/auth/verify-profile').flush({ code: 'TOKEN_INVALID' }, { status: 401, statusText: 'Unauthorized' });
    await expect(response).rejects.toMatchObject({ status: 401 });
    backend.verify();
  });
});
