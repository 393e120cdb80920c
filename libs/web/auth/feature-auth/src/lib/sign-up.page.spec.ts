import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { AuthPageActions, type AuthState, initialAuthState } from '@raptorflow/web-auth-data-access';
import { SignUpPage } from './sign-up.page';

describe('SignUpPage', () => {
  async function render(auth: Partial<AuthState> = {}) {
    TestBed.configureTestingModule({
      imports: [SignUpPage],
      providers: [provideRouter([]), provideMockStore({ initialState: { auth: { ...initialAuthState, status: 'signed-out', ...auth } } })],
    });
    const store = TestBed.inject(MockStore);
    const dispatched: Action[] = [];
    store.scannedActions$.subscribe((action) => dispatched.push(action));
    const fixture = TestBed.createComponent(SignUpPage);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const type = async (name: string, value: string) => {
      const input = page.querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      input.dispatchEvent(new Event('blur'));
      await fixture.whenStable();
    };
    const submit = async () => {
      page.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await fixture.whenStable();
    };
    return { page, dispatched, type, submit };
  }

  it('asks for a full name, an email and a password', async () => {
    const { page, submit, dispatched } = await render();
    await submit();
    expect(page.textContent).toContain('Enter your full name');
    expect(page.textContent).toContain('Enter your email');
    expect(page.textContent).toContain('Choose a password');
    expect(dispatched.some((a) => a.type === AuthPageActions.signUpSubmitted.type)).toBe(false);
  });

  it('wants at least 8 password characters', async () => {
    const { page, type, submit } = await render();
    await type('password', 'short');
    await submit();
    expect(page.textContent).toContain('Use at least 8 characters');
  });

  it('rejects a name of only spaces', async () => {
    const { page, type, submit } = await render();
    await type('fullName', '   ');
    await submit();
    expect(page.textContent).toContain('Enter your full name');
  });

  it('submits trimmed values', async () => {
    const { dispatched, type, submit } = await render();
    await type('fullName', ' Asha Founder ');
    await type('email', 'asha@example.com');
    await type('password', 'long-enough');
    await submit();
    expect(dispatched).toContainEqual(AuthPageActions.signUpSubmitted({ fullName: 'Asha Founder', email: 'asha@example.com', password: 'long-enough' }));
  });

  it('shows a server error in a banner', async () => {
    const { page } = await render({ error: { code: 'user_already_exists', message: 'An account with this email already exists. Log in instead.' } });
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('An account with this email already exists. Log in instead.');
  });
});
