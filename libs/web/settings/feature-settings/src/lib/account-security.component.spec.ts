import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { AccountSessionsResponse } from '@raptorflow/contracts';
import { SupabaseAuthClient } from '@raptorflow/web-auth-data-access';
import { AccountSecurityComponent } from './account-security.component';

const apiError = (code: string, status: number) => Object.assign(new Error(code), { name: 'AuthApiError', code, status });

// The auth server as Settings sees it: a sign-in time, a mailed code, a pending address, the other sessions.
class FakeAuth {
  signedInAt: Date | null = new Date();
  password = 'correct-horse-42';
  mailedCode: string | null = null;
  newEmail: string | null = null;
  otherSessionsEnded = 0;
  async lastSignInAt() {
    return this.signedInAt;
  }
  async requestReauthentication() {
    this.mailedCode = '246810';
  }
  async changePassword(password: string, nonce?: string) {
    const recent = !!this.signedInAt && Date.now() - this.signedInAt.getTime() < 5 * 60_000;
    if (!recent && nonce !== this.mailedCode) throw apiError(nonce ? 'reauthentication_not_valid' : 'reauthentication_needed', nonce ? 422 : 400);
    if (password === this.password) throw apiError('same_password', 422);
    this.password = password;
  }
  async accountEmail() {
    return { email: 'asha@example.com', newEmail: this.newEmail };
  }
  async changeEmail(email: string) {
    if (email === 'taken@example.com') throw apiError('email_exists', 422);
    this.newEmail = email;
    return this.accountEmail();
  }
  async signOutOtherSessions() {
    this.otherSessionsEnded++;
  }
}

const SESSIONS: AccountSessionsResponse = {
  sessions: [
    { id: 's-1', device: 'Chrome on Linux', ip: '127.0.0.1', signedInAt: '2026-12-01T09:00:00Z', lastSeenAt: '2026-12-01T10:00:00Z', current: true },
    { id: 's-2', device: 'Safari on iOS', ip: '203.0.113.7', signedInAt: '2026-11-30T09:00:00Z', lastSeenAt: '2026-11-30T18:30:00Z', current: false },
  ],
};

describe('AccountSecurityComponent', () => {
  let auth: FakeAuth;

  async function render() {
    auth = new FakeAuth();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations(), { provide: SupabaseAuthClient, useValue: auth }],
    });
    const fixture = TestBed.createComponent(AccountSecurityComponent);
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/v1/account/sessions').flush(SESSIONS);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const settle = async () => {
      await new Promise((resolve) => setTimeout(resolve));
      await fixture.whenStable();
    };
    const type = async (form: string, name: string, value: string) => {
      const input = element.querySelector<HTMLInputElement>(`form[aria-label="${form}"] input[formcontrolname="${name}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      input.dispatchEvent(new Event('blur'));
      await fixture.whenStable();
    };
    const submit = async (form: string) => {
      element.querySelector<HTMLButtonElement>(`form[aria-label="${form}"] button[type="submit"]`)!.click();
      await settle();
    };
    return { element, http, type, submit, settle };
  }

  it('changes the password of a recent sign-in at once, then lists the sessions again', async () => {
    const { element, http, type, submit } = await render();
    await type('Change password', 'password', 'short');
    await submit('Change password');
    expect(element.textContent).toContain('Use at least 8 characters');

    await type('Change password', 'password', 'correct-horse-42');
    await submit('Change password');
    expect(element.textContent).toContain('Choose a password different from your current one');

    await type('Change password', 'password', 'a-brand-new-password');
    await submit('Change password');
    expect(auth.password).toBe('a-brand-new-password');
    expect(element.querySelector('[role="status"]')?.textContent).toContain('Password changed. Your other sessions were signed out.');
    http.expectOne('/api/v1/account/sessions').flush({ sessions: [SESSIONS.sessions[0]] });
  });

  it('past 5 minutes mails a code first, and changes the password only with the right one', async () => {
    const { element, type, submit } = await render();
    auth.signedInAt = new Date(Date.now() - 6 * 60_000);
    await type('Change password', 'password', 'a-brand-new-password');
    await submit('Change password');
    expect(auth.mailedCode).toBe('246810');
    expect(auth.password).toBe('correct-horse-42');
    expect(element.textContent).toContain('we emailed a 6-digit code');

    await type('Change password', 'nonce', '111111');
    await submit('Change password');
    expect(element.textContent).toContain('That code is wrong or has expired. Ask for a new one.');
    expect(auth.password).toBe('correct-horse-42');

    await type('Change password', 'nonce', '246810');
    await submit('Change password');
    expect(auth.password).toBe('a-brand-new-password');
  });

  it('changes the e-mail by a confirmation to the new address, showing it as pending', async () => {
    const { element, type, submit } = await render();
    await type('Change email', 'email', 'taken@example.com');
    await submit('Change email');
    expect(element.textContent).toContain('Another account already uses this email');

    await type('Change email', 'email', 'asha.new@example.com');
    await submit('Change email');
    expect(element.querySelector('[data-testid="account-email"]')?.textContent).toBe('asha@example.com');
    expect(element.querySelector('[data-testid="pending-email"]')?.textContent).toContain('Pending: confirm at asha.new@example.com');
  });

  it('lists the signed-in devices, this one marked, and signs the others out after a confirmation', async () => {
    const { element, http, settle } = await render();
    const rows = Array.from(element.querySelectorAll('[data-testid="account-session"]')).map((r) => r.textContent?.replace(/\s+/g, ' ').trim());
    expect(rows[0]).toContain('Chrome on Linux This device');
    expect(rows[1]).toContain('Safari on iOS');
    expect(rows[1]).toContain('203.0.113.7');

    element.querySelector<HTMLButtonElement>('[data-testid="sign-out-others"]')!.click();
    await settle();
    const confirm = Array.from(document.querySelectorAll<HTMLButtonElement>('rf-confirm-dialog button')).find((b) => b.textContent?.trim() === 'Sign out others');
    confirm!.click();
    await settle();
    expect(auth.otherSessionsEnded).toBe(1);
    http.expectOne('/api/v1/account/sessions').flush({ sessions: [SESSIONS.sessions[0]] });
    await settle();
    expect(element.querySelectorAll('[data-testid="account-session"]')).toHaveLength(1);
    expect(element.querySelector<HTMLButtonElement>('[data-testid="sign-out-others"]')!.disabled).toBe(true);
  });
});
