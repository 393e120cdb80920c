import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import type { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { AuthPageActions, type AuthState, initialAuthState } from '@raptorflow/web-auth-data-access';
import { SignInCodePage } from './sign-in-code.page';

describe('SignInCodePage', () => {
  async function render(email: string | null, auth: Partial<AuthState> = {}) {
    TestBed.configureTestingModule({
      imports: [SignInCodePage],
      providers: [
        provideRouter([]),
        provideMockStore({ initialState: { auth: { ...initialAuthState, status: 'signed-out', ...auth } } }),
        { provide: ActivatedRoute, useValue: { snapshot: { queryParamMap: convertToParamMap(email ? { email } : {}) } } },
      ],
    });
    const store = TestBed.inject(MockStore);
    const dispatched: Action[] = [];
    store.scannedActions$.subscribe((action) => dispatched.push(action));
    const fixture = TestBed.createComponent(SignInCodePage);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const code = () => page.querySelector<HTMLInputElement>('input[formcontrolname="code"]')!;
    const typeCode = async (value: string) => {
      code().value = value;
      code().dispatchEvent(new Event('input'));
      code().dispatchEvent(new Event('blur'));
      await fixture.whenStable();
    };
    const submit = async () => {
      page.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await fixture.whenStable();
    };
    return { page, dispatched, typeCode, submit, fixture };
  }

  it('names the address and submits the 6-digit code', async () => {
    const { page, dispatched, typeCode, submit } = await render('asha@example.com');
    expect(page.textContent).toContain('asha@example.com');
    await typeCode('12345');
    await submit();
    expect(page.textContent).toContain('The code is 6 digits');
    expect(dispatched.filter((a) => a.type === AuthPageActions.signInCodeSubmitted.type)).toEqual([]);

    await typeCode(' 123456 ');
    await submit();
    expect(dispatched).toContainEqual(AuthPageActions.signInCodeSubmitted({ email: 'asha@example.com', code: '123456' }));
  });

  it('sends a new code to the same address', async () => {
    const { page, dispatched, fixture } = await render('asha@example.com');
    Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Send a new code')!.click();
    await fixture.whenStable();
    expect(dispatched).toContainEqual(AuthPageActions.signInLinkRequested({ email: 'asha@example.com' }));
  });

  it('shows a wrong code in the banner', async () => {
    const { page } = await render('asha@example.com', { error: { code: 'otp_expired', message: 'That code is wrong or has expired.' } });
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('That code is wrong or has expired.');
  });

  it('without an address says to ask for a new link', async () => {
    const { page } = await render(null);
    expect(page.querySelector('form')).toBeNull();
    expect(page.textContent).toContain('Ask for a new sign-in link');
  });
});
