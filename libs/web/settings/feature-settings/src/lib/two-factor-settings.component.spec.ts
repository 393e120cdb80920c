import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { SupabaseAuthClient } from '@raptorflow/web-auth-data-access';
import { FAKE_TOTP_CODE, FakeSupabaseAuthClient } from '@raptorflow/web-auth-data-access/testing';
import { of } from 'rxjs';
import { TwoFactorSettingsComponent } from './two-factor-settings.component';

describe('TwoFactorSettingsComponent', () => {
  async function render(factors: FakeSupabaseAuthClient['factors'] = []) {
    const auth = new FakeSupabaseAuthClient();
    auth.session = { email: 'asha@example.com', accessToken: 't' };
    auth.factors = factors;
    const confirm = jest.fn(() => ({ afterClosed: () => of(true) }));
    TestBed.configureTestingModule({ providers: [provideNoopAnimations(), { provide: SupabaseAuthClient, useValue: auth }, { provide: MatDialog, useValue: { open: confirm } }] });
    const fixture = TestBed.createComponent(TwoFactorSettingsComponent);
    const settle = async () => {
      await new Promise((resolve) => setTimeout(resolve));
      await fixture.whenStable();
    };
    await settle();
    const el = fixture.nativeElement as HTMLElement;
    const button = (text: string) => Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === text) as HTMLButtonElement;
    const type = async (selector: string, value: string) => {
      const input = el.querySelector<HTMLInputElement>(selector)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      input.dispatchEvent(new Event('blur'));
      await settle();
    };
    return { auth, el, button, type, settle, confirm };
  }

  it('sets up an authenticator: QR code and key, a code to activate it, then lists it', async () => {
    const { auth, el, button, type, settle } = await render();
    expect(el.textContent).toContain('Off.');
    button('Set up authenticator app').click();
    await settle();
    expect(el.querySelector('img')?.getAttribute('alt')).toContain('QR code');
    expect(el.querySelector('[data-testid="totp-secret"]')?.textContent).toBe('JBSWY3DPEHPK3PXP');

    await type('[data-testid="totp-activate-code"]', '12');
    button('Activate').click();
    await settle();
    expect(el.textContent).toContain('The code is 6 digits');
    expect(auth.factors[0].verified).toBe(false);

    await type('[data-testid="totp-activate-code"]', '999999');
    button('Activate').click();
    await settle();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('That code is not right');

    await type('[data-testid="totp-activate-code"]', FAKE_TOTP_CODE);
    button('Activate').click();
    await settle();
    expect(auth.factors).toEqual([expect.objectContaining({ friendlyName: 'My phone', verified: true })]);
    expect(el.querySelector('[data-testid="two-factor-factors"]')?.textContent).toContain('My phone');
    expect(el.querySelector('[data-testid="two-factor-notice"]')?.textContent).toContain('Two-factor authentication is on');
    expect(button('Add a backup authenticator')).toBeDefined();
  });

  it('removes an authenticator after a confirmation dialog', async () => {
    const { auth, el, settle, confirm } = await render([{ id: 'f1', friendlyName: 'My phone', verified: true, createdAt: '2026-12-01T10:00:00.000Z' }]);
    expect(el.textContent).toContain('Add a second authenticator');
    el.querySelector<HTMLButtonElement>('button[aria-label="Remove My phone"]')!.click();
    await settle();
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(auth.factors).toEqual([]);
    expect(el.querySelector('[data-testid="two-factor-notice"]')?.textContent).toContain('Two-factor authentication is off');
  });
});
