import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import type { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { AuthPageActions, type AuthState, initialAuthState } from '@raptorflow/web-auth-data-access';
import { of } from 'rxjs';
import { UnconfirmedPage } from './unconfirmed.page';

describe('UnconfirmedPage', () => {
  async function render(email: string | null, auth: Partial<AuthState> = {}) {
    TestBed.configureTestingModule({
      imports: [UnconfirmedPage],
      providers: [
        provideRouter([]),
        provideMockStore({ initialState: { auth: { ...initialAuthState, status: 'signed-out', ...auth } } }),
        { provide: ActivatedRoute, useValue: { queryParamMap: of(convertToParamMap(email === null ? {} : { email })) } },
      ],
    });
    const store = TestBed.inject(MockStore);
    const dispatched: Action[] = [];
    store.scannedActions$.subscribe((action) => dispatched.push(action));
    const fixture = TestBed.createComponent(UnconfirmedPage);
    await fixture.whenStable();
    return { page: fixture.nativeElement as HTMLElement, dispatched, fixture };
  }

  it('names the address and sends the link again on request', async () => {
    const { page, dispatched } = await render('asha@example.com');
    expect(page.querySelector('[data-testid="unconfirmed-email"]')?.textContent).toBe('asha@example.com');
    page.querySelector<HTMLButtonElement>('button')!.click();
    expect(dispatched).toContainEqual(AuthPageActions.resendConfirmationClicked({ email: 'asha@example.com' }));
  });

  it('tells someone who already has an account what to do, without the page knowing whether they have one', async () => {
    const { page } = await render('asha@example.com');
    const hint = page.querySelector('[data-testid="unconfirmed-existing"]') as HTMLElement;
    expect(hint.textContent).toContain('Already have an account with this address? Then no link comes');
    expect(Array.from(hint.querySelectorAll('a')).map((a) => a.getAttribute('href'))).toEqual(['/login?email=asha@example.com', '/recover?email=asha@example.com']);
  });

  it('says when the link was sent again, and shows a rate-limit error in a banner', async () => {
    expect((await render('a@b.co', { mailSent: true })).page.querySelector('[role="status"]')?.textContent).toContain('Sent again');
    TestBed.resetTestingModule();
    const { page } = await render('a@b.co', { error: { code: 'over_email_send_rate_limit', message: 'Too many emails sent. Wait a few minutes and try again.' } });
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('Too many emails sent');
  });

  it('without an address, still says what to do and offers no resend', async () => {
    const { page } = await render(null);
    expect(page.textContent).toContain('Open the link we sent to your inbox');
    expect(page.querySelector('button')).toBeNull();
  });
});
