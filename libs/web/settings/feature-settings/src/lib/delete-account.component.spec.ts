import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import type { VerifyProfileResponse } from '@raptorflow/contracts';
import { AuthPageActions, SupabaseAuthClient, selectProfile } from '@raptorflow/web-auth-data-access';
import type { Action } from '@ngrx/store';
import { DeleteAccountComponent } from './delete-account.component';

const EMAIL = 'asha@example.com';
const PROFILE = { profile: { id: 'u-1', email: EMAIL, fullName: 'Asha', ucid: 'RF-2026-0001', createdAt: '2026-01-01T00:00:00Z' } } as VerifyProfileResponse;
const authError = (code: string, status: number) => Object.assign(new Error(code), { name: 'AuthApiError', code, status });

// supabase-js as the component sees it: a password sign-in, or a mailed code (what GoTrue answers a wrong one with).
class FakeAuth {
  session: { email: string } | null = null;
  mailed: string[] = [];
  constructor(private readonly password: boolean) {}
  async hasPassword() {
    return this.password;
  }
  async signIn({ email, password }: { email: string; password: string }) {
    if (!this.password || password !== 'correct-horse-42') throw authError('invalid_credentials', 400);
    return (this.session = { email });
  }
  async sendSignInLink(email: string) {
    if (this.mailed.length) throw authError('over_email_send_rate_limit', 429);
    this.mailed.push(email);
  }
  async verifyEmailCode(email: string, code: string) {
    if (code !== '123456') throw authError('otp_expired', 403);
    return (this.session = { email });
  }
}

async function render(password: boolean) {
  const auth = new FakeAuth(password);
  TestBed.configureTestingModule({
    imports: [DeleteAccountComponent],
    providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations(), provideMockStore(), { provide: SupabaseAuthClient, useValue: auth }],
  });
  const store = TestBed.inject(MockStore);
  store.overrideSelector(selectProfile, PROFILE);
  const dispatched: Action[] = [];
  store.scannedActions$.subscribe((action) => dispatched.push(action));
  const fixture = TestBed.createComponent(DeleteAccountComponent);
  await fixture.whenStable();
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  const find = <T extends HTMLElement>(testId: string) => element.querySelector<T>(`[data-testid="${testId}"]`);
  const settle = async () => {
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const type = async (testId: string, value: string) => {
    const input = find<HTMLInputElement>(testId) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await settle();
  };
  // The confirmation is a Material dialog in the overlay container, outside the component's element.
  const confirm = async () => {
    find<HTMLButtonElement>('delete-account')?.click();
    await settle();
    const button = Array.from(document.querySelectorAll<HTMLButtonElement>('rf-confirm-dialog button')).find((b) => b.textContent?.trim() === 'Delete my account');
    expect(button).toBeDefined();
    button?.click();
    await settle();
    await settle();
  };
  return { auth, element, find, type, confirm, settle, dispatched, http: TestBed.inject(HttpTestingController) };
}

function expectDeleted(http: HttpTestingController, dispatched: Action[]) {
  const request = http.expectOne('/api/v1/auth/account');
  expect(request.request.method).toBe('DELETE');
  expect(request.request.body).toEqual({ confirmEmail: 'ASHA@example.com' });
  request.flush(null, { status: 204, statusText: 'No Content' });
  expect(dispatched).toContainEqual(AuthPageActions.signOutClicked());
}

describe('DeleteAccountComponent', () => {
  afterEach(() => document.querySelectorAll('.cdk-overlay-container').forEach((el) => (el.innerHTML = '')));

  it('with a password: deletes only once the address and the password are typed, signing in again first, then signs out', async () => {
    const { auth, find, type, confirm, element, http, dispatched } = await render(true);
    expect(find('delete-send-code')).toBeNull();
    expect(find<HTMLButtonElement>('delete-account')?.disabled).toBe(true);
    await type('delete-confirm', 'ASHA@example.com ');
    expect(find<HTMLButtonElement>('delete-account')?.disabled).toBe(true);
    await type('delete-password', 'wrong-password');
    expect(find<HTMLButtonElement>('delete-account')?.disabled).toBe(false);

    // A wrong password deletes nothing, and says so at the field.
    await confirm();
    http.expectNone('/api/v1/auth/account');
    expect(element.querySelector('mat-error')?.textContent).toContain('That password is not right');

    await type('delete-password', 'correct-horse-42');
    await confirm();
    expect(auth.session?.email).toBe(EMAIL);
    expectDeleted(http, dispatched);
  });

  it('without a password (Google only): mails a 6-digit code, refuses a wrong one at the field, deletes with the right one', async () => {
    const { auth, find, type, confirm, element, http, dispatched, settle } = await render(false);
    expect(find('delete-password')).toBeNull();
    expect(element.textContent).toContain('You sign in without a password, so we email you a 6-digit code');
    await type('delete-confirm', 'ASHA@example.com ');
    expect(find<HTMLButtonElement>('delete-account')?.disabled).toBe(true);

    find<HTMLButtonElement>('delete-send-code')?.click();
    await settle();
    expect(auth.mailed).toEqual([EMAIL]);
    expect(element.querySelector('[role="status"]')?.textContent).toContain(`We emailed a 6-digit code to ${EMAIL}`);
    expect(find('delete-send-code')?.textContent?.trim()).toBe('Send a new code');

    await type('delete-code', '12ab');
    expect(find<HTMLButtonElement>('delete-account')?.disabled).toBe(true);
    expect(element.querySelector('mat-error')?.textContent).toContain('Enter the 6 digits from the email');

    await type('delete-code', '654321');
    await confirm();
    http.expectNone('/api/v1/auth/account');
    expect(element.querySelector('mat-error')?.textContent).toContain('That code is wrong or has expired');

    await type('delete-code', '123456');
    await confirm();
    expect(auth.session?.email).toBe(EMAIL);
    expectDeleted(http, dispatched);
  });

  it('shows a refused mail (one a minute) in the banner and keeps the page usable', async () => {
    const { auth, find, element, settle } = await render(false);
    auth.mailed.push('earlier');
    find<HTMLButtonElement>('delete-send-code')?.click();
    await settle();
    expect(element.querySelector('[role="alert"]')?.textContent).toBeTruthy();
    expect(find('delete-code')).toBeNull();
    expect(find<HTMLButtonElement>('delete-send-code')?.disabled).toBe(false);
  });
});
