import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import type { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { AuthPageActions, type AuthState, initialAuthState } from '@raptorflow/web-auth-data-access';
import { AuthCallbackPage } from './auth-callback.page';

describe('AuthCallbackPage', () => {
  async function render(query: Record<string, string>, auth: Partial<AuthState> = {}) {
    TestBed.configureTestingModule({
      imports: [AuthCallbackPage],
      providers: [
        provideRouter([]),
        provideMockStore({ initialState: { auth: { ...initialAuthState, status: 'signed-out', ...auth } } }),
        { provide: ActivatedRoute, useValue: { snapshot: { queryParamMap: convertToParamMap(query) } } },
      ],
    });
    const store = TestBed.inject(MockStore);
    const dispatched: Action[] = [];
    store.scannedActions$.subscribe((action) => dispatched.push(action));
    const fixture = TestBed.createComponent(AuthCallbackPage);
    await fixture.whenStable();
    return { page: fixture.nativeElement as HTMLElement, dispatched };
  }

  it('exchanges the code from the query and waits', async () => {
    const { page, dispatched } = await render({ code: 'abc' });
    expect(dispatched).toContainEqual(AuthPageActions.googleCallbackOpened({ code: 'abc' }));
    expect(page.querySelector('[role="status"]')?.textContent).toContain('signing you in');
  });

  it('reports Cancel on the Google page without calling the auth server', async () => {
    const { dispatched } = await render({ error: 'access_denied', error_description: '' });
    expect(dispatched.some((a) => a.type === AuthPageActions.googleCallbackOpened.type)).toBe(false);
    expect(dispatched).toContainEqual(
      AuthPageActions.googleCallbackRefused({ error: { code: 'access_denied', message: 'Google sign-in was cancelled. Try again, or log in with your email and password.' } }),
    );
  });

  it('shows the error with a way back to log in', async () => {
    const { page } = await render({ error: 'access_denied' }, { error: { code: 'access_denied', message: 'Google sign-in was cancelled. Try again, or log in with your email and password.' } });
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('Google sign-in was cancelled');
    expect(page.querySelector('a[href="/login"]')).not.toBeNull();
  });
});
