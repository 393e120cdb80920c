import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { provideMockStore } from '@ngrx/store/testing';
import { type AuthState, SupabaseAuthClient, initialAuthState } from '@raptorflow/web-auth-data-access';
import { FAKE_TOTP_CODE, FakeSupabaseAuthClient, makeProfileResponse } from '@raptorflow/web-auth-data-access/testing';
import { TwoFactorPage } from './two-factor.page';

describe('TwoFactorPage', () => {
  async function render(factors = [{ id: 'f1', friendlyName: 'My phone', verified: true, createdAt: '2026-12-01T10:00:00.000Z' }]) {
    const auth = new FakeSupabaseAuthClient();
    auth.session = { email: 'a@b.co', accessToken: 't' };
    auth.factors = factors;
    const state: AuthState = { ...initialAuthState, status: 'signed-in', email: 'a@b.co', profile: makeProfileResponse('app') };
    TestBed.configureTestingModule({
      imports: [TwoFactorPage],
      providers: [provideRouter([]), provideMockStore({ initialState: { auth: state } }), { provide: SupabaseAuthClient, useValue: auth }],
    });
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const fixture = TestBed.createComponent(TwoFactorPage);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const enter = async (code: string) => {
      const input = page.querySelector<HTMLInputElement>('input[formcontrolname="code"]')!;
      input.value = code;
      input.dispatchEvent(new Event('input'));
      input.dispatchEvent(new Event('blur'));
      page.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await new Promise((resolve) => setTimeout(resolve));
      await fixture.whenStable();
    };
    return { auth, page, enter, navigate };
  }

  it('checks the code format under the field and sends nothing', async () => {
    const { page, enter, auth } = await render();
    await enter('12a');
    expect(page.textContent).toContain('The code is 6 digits');
    expect(auth.aal2).toBe(false);
  });

  it('says when the code is wrong, and continues to the next page with the right one', async () => {
    const { page, enter, auth, navigate } = await render();
    await enter('000000');
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('That code is not right');
    expect(navigate).not.toHaveBeenCalled();
    await enter(FAKE_TOTP_CODE);
    expect(auth.aal2).toBe(true);
    expect(navigate).toHaveBeenCalledWith('/app/dashboard');
  });

  it('lets the user pick the backup authenticator when there are two', async () => {
    const { page } = await render([
      { id: 'f1', friendlyName: 'My phone', verified: true, createdAt: '2026-12-01T10:00:00.000Z' },
      { id: 'f2', friendlyName: 'Backup', verified: true, createdAt: '2026-12-01T10:00:00.000Z' },
    ]);
    expect(page.querySelector('mat-select')).not.toBeNull();
    expect(Array.from(page.querySelectorAll('mat-label')).map((l) => l.textContent?.trim())).toEqual(['Authenticator', '6-digit code']);
  });
});
