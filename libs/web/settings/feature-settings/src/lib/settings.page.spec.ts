import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import type { PaymentView, TaxDocumentView, VerifyProfileResponse, WorkspaceMembers, WorkspaceRole } from '@raptorflow/contracts';
import { SupabaseAuthClient, selectProfile } from '@raptorflow/web-auth-data-access';
import { initialBcmState, selectContextVersion } from '@raptorflow/web-bcm-data-access';
import { SettingsPage } from './settings.page';

function profileAs(role: WorkspaceRole): VerifyProfileResponse {
  return {
    profile: { id: 'u-1', email: 'asha@example.com', fullName: 'Asha', ucid: 'RF-2026-0001', createdAt: '2026-01-01T00:00:00Z' },
    workspace: { id: 'w-1', name: 'Ledgerly', ownerId: role === 'owner' ? 'u-1' : 'u-0', role, onboardingStatus: 'completed', createdAt: '2026-01-01T00:00:00Z' },
    subscription: { status: 'active', planId: 'growth', period: 'month', currentPeriodEnd: '2026-12-25T00:00:00Z', trialEndsAt: null, readOnly: false },
    onboarding: { status: 'completed' },
    next: 'app',
  };
}

const MEMBERS: WorkspaceMembers = {
  members: [
    { userId: 'u-0', email: 'owner@example.com', fullName: 'Owner', role: 'owner', joinedAt: '2026-01-01T00:00:00Z' },
    { userId: 'u-1', email: 'asha@example.com', fullName: 'Asha', role: 'admin', joinedAt: '2026-01-02T00:00:00Z' },
    { userId: 'u-2', email: 'ravi@example.com', fullName: 'Ravi', role: 'member', joinedAt: '2026-01-03T00:00:00Z' },
  ],
  invitations: [],
};

// The confirmation is a Material dialog in the overlay container, outside the page's element.
async function confirmInDialog(fixture: { whenStable(): Promise<unknown> }, label: string) {
  const button = Array.from(document.querySelectorAll<HTMLButtonElement>('rf-confirm-dialog button')).find((b) => b.textContent?.trim() === label);
  expect(button).toBeDefined();
  button?.click();
  await fixture.whenStable();
}

// The auth client the page's sections use (each has its own spec).
let auth: { accountEmail(): Promise<{ email: string; newEmail: null }>; totpFactors(): Promise<[]>; hasPassword(): Promise<boolean> };

async function render(role: WorkspaceRole, contextVersion: number | null = null, payments: PaymentView[] = []) {
  auth = {
    // The sign-in and security section (its own spec: account-security.component.spec.ts).
    accountEmail: async () => ({ email: 'asha@example.com', newEmail: null }),
    // The two-factor section (its own spec) lists no authenticators here.
    async totpFactors() {
      return [];
    },
    // The account deletion section (its own spec: delete-account.component.spec.ts).
    hasPassword: async () => true,
  };
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideNoopAnimations(),
      provideMockStore({ initialState: { bcm: initialBcmState } }),
      { provide: SupabaseAuthClient, useValue: auth },
    ],
  });
  const store = TestBed.inject(MockStore);
  store.overrideSelector(selectProfile, profileAs(role));
  store.overrideSelector(selectContextVersion, contextVersion);
  const fixture = TestBed.createComponent(SettingsPage);
  const http = TestBed.inject(HttpTestingController);
  http.expectOne('/api/v1/workspace/members').flush(MEMBERS);
  http.expectOne('/api/v1/payments/history').flush(payments);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const buttons = () => Array.from(element.querySelectorAll('button')).map((b) => b.textContent?.trim());
  return { element, buttons, http, store, fixture };
}

describe('SettingsPage', () => {
  it('shows profile, members and billing to everyone', async () => {
    const { element } = await render('member');
    expect(element.querySelector('[data-testid="profile-ucid"]')?.textContent).toBe('RF-2026-0001');
    expect(element.querySelector('[data-testid="members"]')?.textContent).toContain('ravi@example.com');
    expect(element.querySelector('[data-testid="billing-history"]')?.textContent).toContain('No payments yet.');
    expect(element.querySelector('[data-testid="subscription"]')?.textContent).toContain('Growth');
  });

  it("shows the owner a partial refund in the billing history, with the invoice and the credit note to download", async () => {
    const paid: PaymentView = {
      merchantOrderId: 'RF_RF-2026-0001_a1', planId: 'growth', period: 'month', amount: 999_900, purpose: 'subscription', state: 'COMPLETED', failureReason: null, refundedAmount: 150_000,
      refunds: [{ merchantRefundId: 'RFR_1', merchantOrderId: 'RF_RF-2026-0001_a1', amount: 150_000, state: 'COMPLETED', reason: 'operator', createdAt: '2026-11-26T10:00:00Z', completedAt: '2026-11-26T10:00:05Z' }],
      createdAt: '2026-11-25T10:00:00Z', completedAt: '2026-11-25T10:01:00Z',
    };
    const doc = (id: string, kind: TaxDocumentView['kind'], number: string): TaxDocumentView => ({ id, kind, number, issuedAt: '2026-11-25T10:01:00Z', merchantOrderId: paid.merchantOrderId, taxable: 0, cgst: 0, sgst: 0, igst: 0, total: 0 });
    const { element, http, fixture } = await render('owner', null, [paid]);
    http.expectOne('/api/v1/billing/documents').flush([doc('cn1', 'credit_note', 'CN/26-27/1'), doc('inv1', 'invoice', 'RF/26-27/1')]);
    await fixture.whenStable();
    const row = element.querySelector('[data-testid="billing-history"] tbody tr')?.textContent?.replace(/\s+/g, ' ');
    expect(row).toContain('Growth (monthly)₹9,999Partly refunded₹1,500');
    expect(row).toContain('Credit note CN/26-27/1');
    (element.querySelector('button[aria-label="Download credit note CN/26-27/1"]') as HTMLButtonElement).click();
    expect(http.expectOne('/api/v1/billing/documents/cn1/pdf').request.responseType).toBe('blob');
  });

  it('hides rename, invite, role and remove controls from members', async () => {
    const { element, buttons } = await render('member');
    expect(element.querySelector('form[aria-label="Rename workspace"]')).toBeNull();
    expect(element.querySelector('form[aria-label="Invite a member"]')).toBeNull();
    expect(element.querySelector('mat-select')).toBeNull();
    expect(buttons()).not.toContain('Remove');
  });

  it('lets owners and admins edit the business answers once onboarding is finalized', async () => {
    const editLink = (element: HTMLElement) => Array.from(element.querySelectorAll('a')).find((a) => a.textContent?.trim() === 'Edit business answers');
    expect(editLink((await render('admin', 1)).element)?.getAttribute('href')).toBe('/onboarding?step=summary');
    TestBed.resetTestingModule();
    expect(editLink((await render('member', 1)).element)).toBeUndefined();
    TestBed.resetTestingModule();
    expect(editLink((await render('owner', null)).element)).toBeUndefined();
  });

  it('lets an admin manage members other than the owner and themselves', async () => {
    const { element, buttons } = await render('admin');
    expect(element.querySelector('form[aria-label="Rename workspace"]')).not.toBeNull();
    expect(element.querySelector('form[aria-label="Invite a member"]')).not.toBeNull();
    expect(element.querySelectorAll('[data-testid="members"] mat-select')).toHaveLength(1);
    expect(buttons().filter((text) => text === 'Remove')).toHaveLength(1);
  });

  it('cancels only after a dialog that states the date access ends', async () => {
    const { element, http, fixture } = await render('owner');
    element.querySelector<HTMLButtonElement>('[data-testid="cancel-subscription"]')?.click();
    await fixture.whenStable();
    expect(document.querySelector('[data-testid="confirm-message"]')?.textContent).toContain('You keep full access until 25/12/2026');
    http.expectNone('/api/v1/payments/subscription/cancel');
    await confirmInDialog(fixture, 'Keep subscription');
    expect(document.querySelector('rf-confirm-dialog')).toBeNull();
    http.expectNone((request) => request.method === 'POST');
  });

  it('offers cancelling to the owner only', async () => {
    expect((await render('owner')).element.querySelector('[data-testid="cancel-subscription"]')).not.toBeNull();
    TestBed.resetTestingModule();
    expect((await render('admin')).element.querySelector('[data-testid="cancel-subscription"]')).toBeNull();
  });
});
