import { TestBed } from '@angular/core/testing';
import { type Route, Router, type UrlSegment, type UrlTree, provideRouter } from '@angular/router';
import type { NextStep } from '@raptorflow/contracts';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { type Observable, firstValueFrom } from 'rxjs';
import { FakeSupabaseAuthClient, makeProfileResponse } from '../testing';
import { SupabaseAuthClient } from './supabase-auth.client';
import { type AuthPage, authGuard, decideAccess } from './auth.guards';
import { type AuthState, initialAuthState } from './auth.feature';
import { twoFactorPageGuard } from './two-factor';

describe('decideAccess (the next-page table)', () => {
  const signedOut = null;
  it.each<[AuthPage, NextStep | null, true | string]>([
    ['home', signedOut, true],
    ['login', signedOut, true],
    ['signup', signedOut, true],
    ['payment', signedOut, '/login'],
    ['onboarding', signedOut, '/login'],
    ['app', signedOut, '/login'],
    ['unknown', signedOut, '/login'],

    ['home', 'payment', '/onboarding/payment'],
    ['login', 'payment', '/onboarding/payment'],
    ['signup', 'payment', '/onboarding/payment'],
    ['payment', 'payment', true],
    ['onboarding', 'payment', '/onboarding/payment'],
    ['app', 'payment', '/onboarding/payment'],
    ['unknown', 'payment', '/onboarding/payment'],

    ['login', 'onboarding', '/onboarding'],
    ['payment', 'onboarding', '/onboarding'],
    ['onboarding', 'onboarding', true],
    ['app', 'onboarding', '/onboarding'],

    ['home', 'app', '/app/dashboard'],
    ['login', 'app', '/app/dashboard'],
    ['payment', 'app', '/app/dashboard'],
    ['onboarding', 'app', true],
    ['app', 'app', true],
    ['unknown', 'app', '/app/dashboard'],
  ])('page %s with next=%s -> %s', (page, next, expected) => {
    expect(decideAccess(page, next)).toBe(expected);
  });
});

describe('authGuard', () => {
  let client: FakeSupabaseAuthClient;
  function setup(auth: Partial<AuthState>) {
    client = new FakeSupabaseAuthClient();
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideMockStore({ initialState: { auth: { ...initialAuthState, ...auth } } }), { provide: SupabaseAuthClient, useValue: client }],
    });
    return TestBed.inject(MockStore);
  }

  function check(page: AuthPage): Observable<true | UrlTree> {
    return TestBed.runInInjectionContext(() => authGuard(page)({} as Route, [] as UrlSegment[]) as Observable<true | UrlTree>);
  }

  const serialize = (result: true | UrlTree) => (result === true ? true : TestBed.inject(Router).serializeUrl(result));

  it('waits for the profile before deciding, so the wrong page never flashes', async () => {
    const store = setup({ status: 'signed-in', email: 'a@b.co', loading: true });
    let decided: true | string | undefined;
    check('app').subscribe((result) => (decided = serialize(result)));
    expect(decided).toBeUndefined();

    store.setState({ auth: { ...initialAuthState, status: 'signed-in', email: 'a@b.co', profile: makeProfileResponse('payment') } });
    await new Promise((resolve) => setTimeout(resolve));
    expect(decided).toBe('/onboarding/payment');
  });

  it('waits for the session restore when the state is still unknown', async () => {
    const store = setup({ status: 'unknown' });
    const result = firstValueFrom(check('app'));
    store.setState({ auth: { ...initialAuthState, status: 'signed-out' } });
    expect(serialize(await result)).toBe('/login');
  });

  it('lets a signed-in user onto the page their next step names', async () => {
    setup({ status: 'signed-in', profile: makeProfileResponse('app') });
    expect(await firstValueFrom(check('app'))).toBe(true);
  });

  it('keeps a signed-in user off the login page', async () => {
    setup({ status: 'signed-in', profile: makeProfileResponse('onboarding') });
    expect(serialize(await firstValueFrom(check('login')))).toBe('/onboarding');
  });

  it('sends a password-only session of a user with an authenticator to the code page, and lets an aal2 one in', async () => {
    setup({ status: 'signed-in', profile: makeProfileResponse('app') });
    client.session = { email: 'a@b.co', accessToken: 't' };
    client.factors = [{ id: 'f1', friendlyName: 'Phone', verified: true, createdAt: '2026-12-01T10:00:00.000Z' }];
    for (const page of ['app', 'onboarding'] as const) expect(serialize(await firstValueFrom(check(page)))).toBe('/two-factor');
    expect(serialize(await firstValueFrom(check('login')))).toBe('/app/dashboard');
    expect(serialize(await firstValueFrom(TestBed.runInInjectionContext(() => twoFactorPageGuard({} as Route, [] as UrlSegment[]) as Observable<true | UrlTree>)))).toBe(true);
    client.aal2 = true;
    expect(await firstValueFrom(check('app'))).toBe(true);
    expect(serialize(await firstValueFrom(TestBed.runInInjectionContext(() => twoFactorPageGuard({} as Route, [] as UrlSegment[]) as Observable<true | UrlTree>)))).toBe('/app/dashboard');
  });

  it('does not ask for a code when the authenticator is not activated yet', async () => {
    setup({ status: 'signed-in', profile: makeProfileResponse('app') });
    client.session = { email: 'a@b.co', accessToken: 't' };
    client.factors = [{ id: 'f1', friendlyName: 'Phone', verified: false, createdAt: '2026-12-01T10:00:00.000Z' }];
    expect(await firstValueFrom(check('app'))).toBe(true);
  });

  it('lets a user whose profile could not load reach the login page', async () => {
    setup({ status: 'signed-in', profile: null, loading: false, error: { code: 'network_error', message: '' } });
    expect(await firstValueFrom(check('login'))).toBe(true);
    expect(serialize(await firstValueFrom(check('app')))).toBe('/login');
  });
});
