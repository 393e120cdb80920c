import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, Router, convertToParamMap, provideRouter } from '@angular/router';
import type { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import type { InvitationPreview, VerifyProfileResponse } from '@raptorflow/contracts';
import { AuthApiActions, AuthApiService, type AuthState, initialAuthState, takeReturnPath } from '@raptorflow/web-auth-data-access';
import { type Observable, of, throwError } from 'rxjs';
import { InvitePage } from './invite.page';

const token = 'T'.repeat(43);
const teamProfile = { workspace: { id: 'w-team', name: 'Acme Growth', role: 'member' }, next: 'app' } as VerifyProfileResponse;
const preview: InvitationPreview = { workspaceName: 'Acme Growth', inviterName: 'Asha Rao', email: 'ravi@example.com', role: 'member', expiresAt: '2026-12-08T00:00:00Z' };

describe('InvitePage', () => {
  beforeEach(() => localStorage.clear());

  async function render(auth: Partial<AuthState>, lookup: Observable<InvitationPreview> = of(preview), accept: Observable<unknown> = of({})) {
    const api = { invitation: jest.fn(() => lookup), acceptInvitation: jest.fn(() => accept), verifyProfile: jest.fn(() => of(teamProfile)) };
    TestBed.configureTestingModule({
      imports: [InvitePage],
      providers: [
        provideRouter([]),
        provideMockStore({ initialState: { auth: { ...initialAuthState, ...auth } } }),
        { provide: ActivatedRoute, useValue: { snapshot: { paramMap: convertToParamMap({ token }), queryParamMap: convertToParamMap({}) } } },
        { provide: AuthApiService, useValue: api },
      ],
    });
    const store = TestBed.inject(MockStore);
    const dispatched: Action[] = [];
    store.scannedActions$.subscribe((action) => dispatched.push(action));
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(InvitePage);
    await fixture.whenStable();
    fixture.detectChanges();
    return { page: fixture.nativeElement as HTMLElement, dispatched, navigate, api };
  }
  const button = (page: HTMLElement, label: string) => Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.trim().startsWith(label));

  it('signed out: names workspace and inviter, and signs up with the invited address, coming back here', async () => {
    const { page, navigate } = await render({ status: 'signed-out' });
    expect(page.querySelector('[data-testid="invitation-summary"]')?.textContent).toMatch(/Asha Rao\s+invited you to join\s+Acme Growth\s+as a member/);
    button(page, 'Sign up')!.click();
    expect(navigate).toHaveBeenCalledWith(['/signup'], { queryParams: { email: 'ravi@example.com' } });
    expect(takeReturnPath()).toBe(`/invite/${token}`);
  });

  it('signed in with another address: says so and offers no accept', async () => {
    const { page } = await render({ status: 'signed-in', email: 'someone@example.com' });
    expect(page.querySelector('[data-testid="other-address"]')?.textContent).toContain('someone@example.com');
    expect(button(page, 'Accept')).toBeUndefined();
  });

  it('signed in with the invited address: accepting switches to the team workspace', async () => {
    const { page, dispatched, api } = await render({ status: 'signed-in', email: 'Ravi@Example.com' });
    button(page, 'Accept and join Acme Growth')!.click();
    expect(api.acceptInvitation).toHaveBeenCalledWith(token);
    expect(dispatched).toContainEqual(AuthApiActions.workspaceSwitched({ profile: teamProfile }));
  });

  it('an expired or used link: the API’s message, and nothing to click', async () => {
    const expired = new HttpErrorResponse({ status: 410, error: { statusCode: 410, code: 'INVITATION_EXPIRED', message: 'This invitation has expired. Ask for a new one.' } });
    const { page } = await render({ status: 'signed-out' }, throwError(() => expired));
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('This invitation has expired. Ask for a new one.');
    expect(page.querySelectorAll('button')).toHaveLength(0);
  });
});
