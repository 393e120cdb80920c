import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { type BillingDetails, findPlan, type PaymentView, type TaxDocumentView, taxDocumentFilename, type WorkspaceMember, type WorkspaceMembers } from '@raptorflow/contracts';
import { AuthApiActions, AuthApiService, selectProfile } from '@raptorflow/web-auth-data-access';
import {
  BcmPageActions,
  selectContextVersion,
  selectExportError,
  selectFreshness,
  selectIsExporting,
  selectIsRebuilding,
  selectManifest,
  selectRebuildView,
  selectVersions,
  selectVersionsError,
  toApiErrorMessage,
} from '@raptorflow/web-bcm-data-access';
import { BcmFreshnessComponent, openBcmRebuildDialog } from '@raptorflow/web-bcm-ui';
import { type AssignableRole, SettingsApiService, canEditMember, settingsPermissions } from '@raptorflow/web-settings-data-access';
import { BillingApiService, BillingDetailsEditor, saveBlob } from '@raptorflow/web-payments-data-access';
import { BillingHistoryTableComponent } from '@raptorflow/web-payments-ui';
import { BillingDetailsFormComponent, ErrorBannerComponent, IndianDatePipe, IndianDateTimePipe, confirmAction, formatDate } from '@raptorflow/web-ui';
import { type Observable, filter, switchMap } from 'rxjs';
import { AccountSecurityComponent } from './account-security.component';
import { AutopayCardComponent } from './autopay-card.component';
import { DeleteAccountComponent } from './delete-account.component';
import { PendingInvitationsComponent } from './pending-invitations.component';
import { PlanChangePanelComponent } from './plan-change-panel.component';
import { TwoFactorSettingsComponent } from './two-factor-settings.component';

@Component({
  selector: 'rf-settings-page',
  imports: [AutopayCardComponent, IndianDatePipe, IndianDateTimePipe, ReactiveFormsModule, RouterLink, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, MatSelectModule, BcmFreshnessComponent, BillingDetailsFormComponent, BillingHistoryTableComponent, ErrorBannerComponent, PendingInvitationsComponent, AccountSecurityComponent, TwoFactorSettingsComponent, PlanChangePanelComponent, DeleteAccountComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './settings.page.html',
  styles: `
    h1 { margin: 0 0 16px; font-size: 1.75rem; font-weight: 500; }
    h2 { margin: 0 0 12px; font-size: 1.125rem; font-weight: 500; }
    mat-card { margin-bottom: 16px; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 0; }
    dt { color: var(--mat-sys-on-surface-variant); }
    dd { margin: 0; }
    .inline { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 8px 12px; }
    .inline mat-form-field { flex: 1 1 220px; }
    .inline button { margin-top: 8px; }
    table { width: 100%; border-collapse: collapse; font-size: 0.875rem; }
    th, td { text-align: left; padding: 8px; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .role-select { width: 130px; }
    dd { overflow-wrap: anywhere; }
    .muted { color: var(--mat-sys-on-surface-variant); font-size: 0.875rem; }
    .actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px; }
  `,
})
export class SettingsPage {
  private readonly store = inject(Store);
  private readonly api = inject(SettingsApiService);
  private readonly authApi = inject(AuthApiService);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly billing = inject(BillingApiService);

  protected readonly profile = this.store.selectSignal(selectProfile);
  protected readonly permissions = computed(() => settingsPermissions(this.profile()?.workspace.role ?? null, this.profile()?.subscription.readOnly ?? false));
  protected readonly plan = computed(() => findPlan(this.profile()?.subscription.planId ?? ''));

  protected readonly members = signal<WorkspaceMembers | null>(null);
  protected readonly payments = signal<PaymentView[] | null>(null);
  // GST paperwork (owners only): who invoices are made out to, and each payment's invoice and credit notes.
  protected readonly billingForm = new BillingDetailsEditor();
  protected readonly documents = signal<TaxDocumentView[] | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly busy = signal(false);

  protected readonly manifest = this.store.selectSignal(selectManifest);
  protected readonly freshness = this.store.selectSignal(selectFreshness);
  protected readonly contextVersion = this.store.selectSignal(selectContextVersion);
  protected readonly isRebuilding = this.store.selectSignal(selectIsRebuilding);
  protected readonly isExporting = this.store.selectSignal(selectIsExporting);
  protected readonly exportError = this.store.selectSignal(selectExportError);
  protected readonly versions = this.store.selectSignal(selectVersions);
  protected readonly versionsError = this.store.selectSignal(selectVersionsError);
  private readonly rebuildView = this.store.selectSignal(selectRebuildView);

  protected readonly renameForm = this.fb.group({ name: [this.profile()?.workspace.name ?? '', [Validators.required, Validators.maxLength(120)]] });
  protected readonly inviteForm = this.fb.group({ email: ['', [Validators.required, Validators.email]], role: ['member' as AssignableRole] });
  protected readonly roles: AssignableRole[] = ['admin', 'member'];

  constructor() {
    this.store.dispatch(BcmPageActions.versionsOpened());
    this.loadMembers();
    this.run(this.api.paymentHistory(), (payments) => this.payments.set(payments), false);
    if (this.profile()?.workspace.role === 'owner') {
      this.billingForm.load();
      this.run(this.billing.documents(), (docs) => this.documents.set(docs), false);
    }
  }

  protected saveBillingDetails(details: BillingDetails): void {
    this.billingForm.save(
      details,
      () => this.notice.set('Billing details saved: your next tax invoices use them.'),
      (error) => this.error.set(toApiErrorMessage(error)),
    );
  }

  protected downloadDocument(doc: TaxDocumentView): void {
    this.run(this.billing.pdf(doc.id), (pdf) => saveBlob(pdf, taxDocumentFilename(doc.number)), false);
  }

  protected canEdit(member: WorkspaceMember): boolean {
    return canEditMember(this.permissions(), member, this.profile()?.profile.id ?? null);
  }

  protected rename(): void {
    if (this.renameForm.invalid) return;
    // The toolbar and guards read the workspace from the profile, so it is reloaded after a rename.
    const renamed = this.api.rename(this.renameForm.getRawValue().name.trim()).pipe(switchMap(() => this.authApi.verifyProfile()));
    this.run(renamed, (profile) => {
      this.notice.set('Workspace renamed.');
      this.store.dispatch(AuthApiActions.profileVerified({ profile }));
    });
  }

  /** `form` is the form's directive: resetting it too clears "submitted", so the emptied field shows no error. */
  protected invite(form: FormGroupDirective): void {
    if (this.inviteForm.invalid) {
      this.inviteForm.markAllAsTouched();
      return;
    }
    const { email, role } = this.inviteForm.getRawValue();
    this.run(this.api.invite(email.trim(), role), () => {
      form.resetForm({ email: '', role: 'member' });
      // Reloading clears the page's notice as it starts, so the notice is set after it.
      this.loadMembers();
      this.notice.set(`Invitation sent to ${email.trim()}: the mail with the link is on its way.`);
    });
  }

  protected changeRole(member: WorkspaceMember, role: AssignableRole): void {
    this.run(this.api.changeRole(member.userId, role), () => this.loadMembers());
  }

  protected remove(member: WorkspaceMember): void {
    const confirmed = confirmAction(this.dialog, {
      title: 'Remove member',
      message: `${member.email} loses access to this workspace now. You can invite them again later.`,
      confirmLabel: 'Remove member',
    });
    this.afterConfirm(confirmed, () => this.run(this.api.removeMember(member.userId), () => this.loadMembers()));
  }

  protected cancelSubscription(): void {
    const end = this.profile()?.subscription.currentPeriodEnd;
    const confirmed = confirmAction(this.dialog, {
      title: 'Cancel subscription',
      message: `You will not be charged again. You keep full access until ${end ? formatDate(end) : 'the end of the current period'}; after that the workspace becomes read-only.`,
      confirmLabel: 'Cancel subscription',
      cancelLabel: 'Keep subscription',
    });
    this.afterConfirm(confirmed, () => {
      const cancelled = this.api.cancelSubscription().pipe(switchMap(() => this.authApi.verifyProfile()));
      this.run(cancelled, (profile) => {
        this.notice.set('Subscription cancelled.');
        this.store.dispatch(AuthApiActions.profileVerified({ profile }));
      });
    });
  }

  protected rebuild(): void {
    this.store.dispatch(BcmPageActions.rebuildDialogOpened());
    openBcmRebuildDialog(this.dialog, { view: this.rebuildView, confirm: () => this.store.dispatch(BcmPageActions.rebuildConfirmed()) }, () => {
      this.store.dispatch(BcmPageActions.rebuildDialogClosed());
      this.store.dispatch(BcmPageActions.versionsOpened());
    });
  }

  protected export(): void {
    this.store.dispatch(BcmPageActions.exportClicked());
  }

  private afterConfirm(confirmed: Observable<boolean>, then: () => void): void {
    confirmed.pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef)).subscribe(() => then());
  }

  protected loadMembers(): void {
    this.run(this.api.members(), (members) => this.members.set(members), false);
  }

  private run<T>(request: Observable<T>, done: (value: T) => void, marksBusy = true): void {
    if (marksBusy) this.busy.set(true);
    this.error.set(null);
    this.notice.set(null);
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (value) => done(value),
      error: (error: unknown) => {
        this.error.set(toApiErrorMessage(error));
        this.busy.set(false);
      },
      complete: () => this.busy.set(false),
    });
  }
}
