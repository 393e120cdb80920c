import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { AuthPageActions, type AuthState, initialAuthState } from '@raptorflow/web-auth-data-access';
import { LogInPage } from './log-in.page';

describe('LogInPage', () => {
  async function render(auth: Partial<AuthState> = {}) {
    TestBed.configureTestingModule({
      imports: [LogInPage],
      providers: [provideRouter([]), provideMockStore({ initialState: { auth: { ...initialAuthState, status: 'signed-out', ...auth } } })],
    });
    const store = TestBed.inject(MockStore);
    const dispatched: Action[] = [];
    store.scannedActions$.subscribe((action) => dispatched.push(action));
    const fixture = TestBed.createComponent(LogInPage);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const input = (name: string) => page.querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`)!;
    const type = async (name: string, value: string) => {
      input(name).value = value;
      input(name).dispatchEvent(new Event('input'));
      input(name).dispatchEvent(new Event('blur'));
      await fixture.whenStable();
    };
    const submit = async () => {
      page.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await fixture.whenStable();
    };
    return { fixture, store, page, dispatched, input, type, submit };
  }

  it('has labelled fields', async () => {
    const { page } = await render();
    const labels = Array.from(page.querySelectorAll('mat-label')).map((l) => l.textContent?.trim());
    expect(labels).toEqual(['Email', 'Password']);
    expect(page.querySelector('label[for]')).not.toBeNull();
  });

  it('shows an error under each empty field and does not submit', async () => {
    const { page, dispatched, submit } = await render();
    await submit();
    expect(page.textContent).toContain('Enter your email');
    expect(page.textContent).toContain('Enter your password');
    expect(dispatched.filter((a) => a.type === AuthPageActions.signInSubmitted.type)).toEqual([]);
  });

  it('rejects a malformed email', async () => {
    const { page, type, submit } = await render();
    await type('email', 'not-an-email');
    await type('password', 'whatever1');
    await submit();
    expect(page.textContent).toContain('Enter a valid email address');
  });

  it('submits the trimmed email and the password', async () => {
    const { dispatched, type, submit } = await render();
    await type('email', '  asha@example.com ');
    await type('password', 'long-enough');
    await submit();
    expect(dispatched).toContainEqual(AuthPageActions.signInSubmitted({ email: 'asha@example.com', password: 'long-enough' }));
  });

  it('shows a server error in a banner', async () => {
    const { page } = await render({ error: { code: 'invalid_credentials', message: 'Wrong email or password' } });
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('Wrong email or password');
  });

  it('shows a spinner and blocks the button while signing in', async () => {
    const { page } = await render({ loading: true });
    expect(page.querySelector('mat-spinner')).not.toBeNull();
    expect(page.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled).toBe(true);
  });

  it('shows and hides the password', async () => {
    const { fixture, page, input } = await render();
    const toggle = page.querySelector<HTMLButtonElement>('button[aria-label="Show password"]')!;
    expect(input('password').type).toBe('password');
    toggle.click();
    await fixture.whenStable();
    expect(input('password').type).toBe('text');
    expect(toggle.getAttribute('aria-label')).toBe('Hide password');
  });

  it('emails a sign-in link or code with the address only, and asks for the address first', async () => {
    const { page, fixture, dispatched, type } = await render();
    const linkButton = () => Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Email me a sign-in link or code')!;
    linkButton().click();
    await fixture.whenStable();
    expect(page.textContent).toContain('Enter your email');
    expect(page.textContent).not.toContain('Enter your password');
    expect(dispatched.filter((a) => a.type === AuthPageActions.signInLinkRequested.type)).toEqual([]);

    await type('email', ' asha@example.com ');
    linkButton().click();
    await fixture.whenStable();
    expect(dispatched).toContainEqual(AuthPageActions.signInLinkRequested({ email: 'asha@example.com' }));
  });

  it('clears a previous error when it opens', async () => {
    const { dispatched } = await render();
    expect(dispatched).toContainEqual(AuthPageActions.opened());
  });
});
