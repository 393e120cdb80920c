import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { AuthPageActions, type AuthState, initialAuthState } from '@raptorflow/web-auth-data-access';
import { RecoverPage } from './recover.page';
import { ResetPasswordPage } from './reset-password.page';

function setup(auth: Partial<AuthState>) {
  TestBed.configureTestingModule({ providers: [provideRouter([]), provideMockStore({ initialState: { auth: { ...initialAuthState, status: 'signed-out', ...auth } } })] });
  const store = TestBed.inject(MockStore);
  const dispatched: Action[] = [];
  store.scannedActions$.subscribe((action) => dispatched.push(action));
  return { store, dispatched };
}

async function fill(fixture: { nativeElement: HTMLElement; whenStable(): Promise<unknown> }, name: string, value: string) {
  const input = fixture.nativeElement.querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new Event('blur'));
  await fixture.whenStable();
}

describe('RecoverPage', () => {
  it('names the missing field, keeps what was typed, and asks for the link', async () => {
    const { dispatched, store } = setup({});
    const fixture = TestBed.createComponent(RecoverPage);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    (page.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(page.textContent).toContain('Enter your email');
    await fill(fixture, 'email', 'not-an-email');
    (page.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(page.textContent).toContain('Enter a valid email address');
    expect((page.querySelector('input') as HTMLInputElement).value).toBe('not-an-email');
    await fill(fixture, 'email', ' asha@example.com ');
    (page.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    expect(dispatched).toContainEqual(AuthPageActions.passwordResetRequested({ email: 'asha@example.com' }));

    store.setState({ auth: { ...initialAuthState, status: 'signed-out', mailSent: true } });
    await fixture.whenStable();
    expect(page.querySelector('[role="status"]')?.textContent).toContain('If an account exists for asha@example.com');
  });
});

describe('ResetPasswordPage', () => {
  it('signed in by the link: checks the length and submits the new password', async () => {
    const { dispatched } = setup({ status: 'signed-in', email: 'asha@example.com' });
    const fixture = TestBed.createComponent(ResetPasswordPage);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    await fill(fixture, 'password', 'short');
    (page.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(page.textContent).toContain('Use at least 8 characters');
    await fill(fixture, 'password', 'long-enough');
    (page.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    expect(dispatched).toContainEqual(AuthPageActions.newPasswordSubmitted({ password: 'long-enough' }));
  });

  it('without a session, says to open the link and offers a new one', async () => {
    setup({});
    const fixture = TestBed.createComponent(ResetPasswordPage);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('form')).toBeNull();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Send a new link');
  });
});
