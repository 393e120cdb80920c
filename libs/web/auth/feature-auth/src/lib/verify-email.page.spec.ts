import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import type { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { AuthPageActions, type AuthState, initialAuthState } from '@raptorflow/web-auth-data-access';
import { VerifyEmailPage } from './verify-email.page';

describe('VerifyEmailPage', () => {
  async function render(query: Record<string, string>, auth: Partial<AuthState> = {}) {
    TestBed.configureTestingModule({
      imports: [VerifyEmailPage],
      providers: [
        provideRouter([]),
        provideMockStore({ initialState: { auth: { ...initialAuthState, status: 'signed-out', ...auth } } }),
        { provide: ActivatedRoute, useValue: { snapshot: { queryParamMap: convertToParamMap(query) } } },
      ],
    });
    const store = TestBed.inject(MockStore);
    const dispatched: Action[] = [];
    store.scannedActions$.subscribe((action) => dispatched.push(action));
    const fixture = TestBed.createComponent(VerifyEmailPage);
    await fixture.whenStable();
    return { page: fixture.nativeElement as HTMLElement, dispatched };
  }

  it('opens the link from the query and waits', async () => {
    const { page, dispatched } = await render({ token_hash: 'abc', type: 'signup' });
    expect(dispatched).toContainEqual(AuthPageActions.emailLinkOpened({ tokenHash: 'abc', linkType: 'signup' }));
    expect(page.querySelector('[role="status"]')?.textContent).toContain('signing you in');
  });

  it('says an incomplete link is incomplete, without calling the auth server', async () => {
    const { page, dispatched } = await render({ type: 'signup' });
    expect(dispatched.some((a) => a.type === AuthPageActions.emailLinkOpened.type)).toBe(false);
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('This link is incomplete');
  });

  it('shows why a link failed', async () => {
    const { page } = await render({ token_hash: 'abc', type: 'signup' }, { error: { code: 'otp_expired', message: 'This link has expired or was already used. Log in, or ask for a new link.' } });
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('This link has expired');
  });
});
