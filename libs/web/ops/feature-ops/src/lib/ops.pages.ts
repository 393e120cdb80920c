import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { type AuditEntryView, type OpsPaymentStory, type OpsSearchHit, type OpsWorkspace } from '@raptorflow/contracts';
import { toApiErrorMessage } from '@raptorflow/web-bcm-data-access';
import { OpsApiService } from '@raptorflow/web-ops-data-access';
import { ErrorBannerComponent, formatRupees } from '@raptorflow/web-ui';
import type { Observable } from 'rxjs';

export const MATERIAL = [FormsModule, RouterLink, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, ErrorBannerComponent];
export const PAGE_STYLES = `
  .page { max-width: 72rem; margin: 0 auto; padding: 1.5rem; display: grid; gap: 1rem; }
  nav { display: flex; gap: 1rem; }
  form { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: baseline; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--mat-sys-outline-variant, #ddd); vertical-align: top; }
  .muted { color: var(--mat-sys-on-surface-variant, #555); }
  code { font-size: 0.85em; }
`;

/** Runs one API call with the page's busy/error/notice signals. */
export abstract class OpsPage {
  protected readonly api = inject(OpsApiService);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly inr = formatRupees;

  protected run<T>(call: Observable<T>, done: (value: T) => void, notice: string | null = null): void {
    this.busy.set(true);
    this.error.set(null);
    this.notice.set(null);
    call.subscribe({
      next: (value) => {
        done(value);
        this.notice.set(notice);
        this.busy.set(false);
      },
      error: (e: unknown) => {
        this.error.set(toApiErrorMessage(e));
        this.busy.set(false);
      },
    });
  }
}

@Component({
  selector: 'rf-ops-search-page',
  imports: MATERIAL,
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: PAGE_STYLES,
  template: `
    <section class="page">
      <h1>Operator console</h1>
      <nav aria-label="Operator console"><a routerLink="/ops">Search</a><a routerLink="/ops/audit">Audit trail</a><a routerLink="/ops/queues">Queues</a></nav>
      <rf-error-banner [message]="error()" />
      <form (ngSubmit)="search()" aria-label="Search">
        <mat-form-field appearance="outline">
          <mat-label>UCID, e-mail, workspace, order id or refund id</mat-label>
          <input matInput name="q" [(ngModel)]="q" required minlength="2" data-testid="ops-search" />
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="busy() || q.trim().length < 2">Search</button>
      </form>
      @if (hits(); as list) {
        @if (list.length === 0) {
          <p class="muted">Nothing matches.</p>
        }
        <ul data-testid="ops-hits">
          @for (hit of list; track $index) {
            <li>
              <span class="muted">{{ hit.kind }}</span>
              @if (hit.merchantOrderId) {
                <a [routerLink]="['/ops/payments', hit.merchantOrderId]">{{ hit.label }}</a>
              } @else if (hit.workspaceId) {
                <a [routerLink]="['/ops/workspaces', hit.workspaceId]">{{ hit.label }}</a>
              }
            </li>
          }
        </ul>
      }
    </section>
  `,
})
export class OpsSearchPage extends OpsPage {
  protected q = '';
  protected readonly hits = signal<OpsSearchHit[] | null>(null);

  search(): void {
    this.run(this.api.search(this.q.trim()), (hits) => this.hits.set(hits));
  }
}

@Component({
  selector: 'rf-ops-workspace-page',
  imports: [...MATERIAL, DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: PAGE_STYLES,
  template: `
    <section class="page">
      <nav aria-label="Operator console"><a routerLink="/ops">Search</a><a routerLink="/ops/audit">Audit trail</a><a routerLink="/ops/queues">Queues</a></nav>
      <rf-error-banner [message]="error()" />
      @if (notice(); as text) {
        <p role="status" class="muted">{{ text }}</p>
      }
      @if (ws(); as w) {
        <h1>{{ w.name }}</h1>
        <p class="muted"><code>{{ w.id }}</code> · onboarding {{ w.onboardingStatus }} · manifest version {{ w.manifestVersion ?? 'none' }} ({{ w.bcmStatus ?? 'no BCM' }})</p>
        <mat-card appearance="outlined"><mat-card-content>
          <h2>Members</h2>
          <table>
            <tr><th>E-mail</th><th>UCID</th><th>Role</th></tr>
            @for (m of w.members; track m.userId) {
              <tr><td>{{ m.email }}</td><td>{{ m.ucid }}</td><td>{{ m.role }}</td></tr>
            }
            @for (i of w.invitations; track i.email) {
              <tr class="muted"><td>{{ i.email }}</td><td>invited {{ i.createdAt | date: 'medium' }}</td><td>{{ i.role }}</td></tr>
            }
          </table>
        </mat-card-content></mat-card>
        <mat-card appearance="outlined"><mat-card-content>
          <h2>Subscription</h2>
          @if (w.subscription; as s) {
            <p data-testid="ops-subscription">{{ s.planId }} ({{ s.period }}), {{ s.status }}, until {{ s.currentPeriodEnd | date: 'medium' }}</p>
          } @else {
            <p class="muted">No subscription.</p>
          }
          <form aria-label="Subscription and BCM actions" (ngSubmit)="extend()">
            <mat-form-field appearance="outline"><mat-label>Reason</mat-label><input matInput name="reason" [(ngModel)]="reason" required minlength="3" /></mat-form-field>
            <mat-form-field appearance="outline"><mat-label>Days</mat-label><input matInput type="number" name="days" [(ngModel)]="days" min="1" max="366" /></mat-form-field>
            <button mat-stroked-button type="submit" [disabled]="busy() || reason.trim().length < 3 || !w.subscription">Extend</button>
            <button mat-stroked-button type="button" (click)="end()" [disabled]="busy() || reason.trim().length < 3 || !w.subscription">End now</button>
            <button mat-stroked-button type="button" (click)="rebuild()" [disabled]="busy() || reason.trim().length < 3">Re-run BCM rebuild</button>
          </form>
        </mat-card-content></mat-card>
        <mat-card appearance="outlined"><mat-card-content>
          <h2>Payments</h2>
          <table>
            <tr><th>Order</th><th>Plan</th><th>Amount</th><th>State</th><th>Refunded</th><th>Created</th></tr>
            @for (p of w.payments; track p.merchantOrderId) {
              <tr>
                <td><a [routerLink]="['/ops/payments', p.merchantOrderId]">{{ p.merchantOrderId }}</a></td>
                <td>{{ p.planId }} ({{ p.period }})</td><td>{{ inr(p.amount) }}</td><td>{{ p.state }}</td><td>{{ inr(p.refundedAmount) }}</td><td>{{ p.createdAt | date: 'medium' }}</td>
              </tr>
            }
          </table>
        </mat-card-content></mat-card>
        <mat-card appearance="outlined"><mat-card-content>
          <h2>Invoices and credit notes</h2>
          @if (w.taxDocuments.length) {
            <table data-testid="ops-tax-documents">
              <tr><th>Number</th><th>Date (IST)</th><th>Total</th></tr>
              @for (d of w.taxDocuments; track d.id) {
                <tr><td>{{ d.kind === 'invoice' ? 'Invoice' : 'Credit note' }} {{ d.number }}</td><td>{{ d.issuedAt | date: 'mediumDate' : '+0530' }}</td><td>{{ inr(d.total) }}</td></tr>
              }
            </table>
          } @else {
            <p class="muted">No invoices or credit notes.</p>
          }
        </mat-card-content></mat-card>
        <a [routerLink]="['/ops/audit']" [queryParams]="{ workspaceId: w.id }">Audit trail of this workspace</a>
      }
    </section>
  `,
})
export class OpsWorkspacePage extends OpsPage {
  protected readonly ws = signal<OpsWorkspace | null>(null);
  protected reason = '';
  protected days = 30;
  private readonly id = inject(ActivatedRoute).snapshot.paramMap.get('workspaceId') ?? '';

  constructor() {
    super();
    this.run(this.api.workspace(this.id), (w) => this.ws.set(w));
  }

  extend(): void {
    this.run(this.api.changeSubscription(this.id, 'extend', this.reason.trim(), Number(this.days)), (w) => this.ws.set(w), 'Subscription extended.');
  }

  end(): void {
    this.run(this.api.changeSubscription(this.id, 'end', this.reason.trim()), (w) => this.ws.set(w), 'Subscription ended.');
  }

  rebuild(): void {
    this.run(this.api.rebuildBcm(this.id, this.reason.trim()), () => undefined, 'BCM rebuild queued.');
  }
}

@Component({
  selector: 'rf-ops-payment-page',
  imports: [...MATERIAL, DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: PAGE_STYLES,
  template: `
    <section class="page">
      <nav aria-label="Operator console"><a routerLink="/ops">Search</a><a routerLink="/ops/audit">Audit trail</a><a routerLink="/ops/queues">Queues</a></nav>
      <rf-error-banner [message]="error()" />
      @if (notice(); as text) {
        <p role="status" class="muted" data-testid="ops-notice">{{ text }}</p>
      }
      @if (story(); as s) {
        <h1>Payment {{ s.payment.merchantOrderId }}</h1>
        <p>
          {{ s.payment.planId }} ({{ s.payment.period }}) · {{ inr(s.payment.amount) }} · <strong data-testid="ops-payment-state">{{ s.payment.state }}</strong>
          · captured {{ s.payment.capturedAmount === null ? '–' : inr(s.payment.capturedAmount) }} · refunded <span data-testid="ops-refunded">{{ inr(s.payment.refundedAmount) }}</span>
          @if (s.payment.workspaceId) {
            · <a [routerLink]="['/ops/workspaces', s.payment.workspaceId]">workspace</a>
          }
        </p>
        <mat-card appearance="outlined"><mat-card-content>
          <h2>Actions</h2>
          <form aria-label="Payment actions" (ngSubmit)="refund()">
            <mat-form-field appearance="outline"><mat-label>Reason</mat-label><input matInput name="reason" [(ngModel)]="reason" required minlength="3" data-testid="ops-reason" /></mat-form-field>
            <mat-form-field appearance="outline"><mat-label>Refund amount in ₹ (empty: all that is left)</mat-label><input matInput type="number" name="amount" [(ngModel)]="rupees" min="1" step="0.01" data-testid="ops-refund-amount" /></mat-form-field>
            <button mat-flat-button type="submit" [disabled]="busy() || reason.trim().length < 3 || s.payment.state !== 'COMPLETED'">Refund</button>
            <button mat-stroked-button type="button" (click)="reconcile()" [disabled]="busy() || reason.trim().length < 3">Reconcile now</button>
            <button mat-stroked-button type="button" (click)="resend()" [disabled]="busy() || reason.trim().length < 3 || s.payment.state !== 'COMPLETED'">Resend receipt</button>
          </form>
        </mat-card-content></mat-card>
        <mat-card appearance="outlined"><mat-card-content>
          <h2>Story</h2>
          <table data-testid="ops-events">
            <tr><th>When</th><th>What</th><th>Detail</th></tr>
            @for (e of s.events; track $index) {
              <tr><td>{{ e.at | date: 'medium' }}</td><td><span class="muted">{{ e.kind }}</span> {{ e.summary }}</td><td><code>{{ json(e.detail) }}</code></td></tr>
            }
          </table>
        </mat-card-content></mat-card>
      }
    </section>
  `,
})
export class OpsPaymentPage extends OpsPage {
  protected readonly story = signal<OpsPaymentStory | null>(null);
  protected reason = '';
  protected rupees: number | null = null;
  private readonly id = inject(ActivatedRoute).snapshot.paramMap.get('merchantOrderId') ?? '';

  constructor() {
    super();
    this.load();
  }

  protected json(value: unknown): string {
    return JSON.stringify(value);
  }

  refund(): void {
    const amount = this.rupees ? Math.round(Number(this.rupees) * 100) : null;
    this.run(this.api.refund(this.id, amount, this.reason.trim()), (r) => this.load(`Refund ${r.merchantRefundId} of ${formatRupees(r.amount)} is ${r.state.toLowerCase()}.`));
  }

  reconcile(): void {
    this.run(this.api.reconcile(this.id, this.reason.trim()), (s) => this.story.set(s), 'PhonePe was asked.');
  }

  resend(): void {
    this.run(this.api.resendReceipt(this.id, this.reason.trim()), () => this.load('Receipt queued.'));
  }

  private load(notice: string | null = null): void {
    this.run(this.api.story(this.id), (s) => this.story.set(s), notice);
  }
}

@Component({
  selector: 'rf-ops-audit-page',
  imports: [...MATERIAL, DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: PAGE_STYLES,
  template: `
    <section class="page">
      <h1>Audit trail</h1>
      <nav aria-label="Operator console"><a routerLink="/ops">Search</a><a routerLink="/ops/audit">Audit trail</a><a routerLink="/ops/queues">Queues</a></nav>
      <rf-error-banner [message]="error()" />
      <p><button mat-stroked-button type="button" (click)="download()" [disabled]="busy()">Export CSV</button></p>
      <table data-testid="ops-audit">
        <tr><th>When</th><th>Who</th><th>Action</th><th>Target</th><th>Reason</th><th>Before → after</th></tr>
        @for (e of entries(); track e.id) {
          <tr>
            <td>{{ e.at | date: 'medium' }}</td><td>{{ e.actorEmail ?? e.actorKind }}</td><td>{{ e.action }}</td><td><code>{{ e.target }}</code></td><td>{{ e.reason }}</td>
            <td><code>{{ json(e.before) }} → {{ json(e.after) }}</code></td>
          </tr>
        }
      </table>
    </section>
  `,
})
export class OpsAuditPage extends OpsPage {
  protected readonly entries = signal<AuditEntryView[]>([]);
  private readonly filter: { workspaceId?: string } = {};

  constructor() {
    super();
    const workspaceId = inject(ActivatedRoute).snapshot.queryParamMap.get('workspaceId');
    if (workspaceId) this.filter.workspaceId = workspaceId;
    this.run(this.api.audit(this.filter), (e) => this.entries.set(e));
  }

  protected json(value: unknown): string {
    return value === null || value === undefined ? '–' : JSON.stringify(value);
  }

  download(): void {
    this.run(this.api.auditCsv(this.filter), (blob) => {
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = 'raptorflow-audit.csv';
      link.click();
      URL.revokeObjectURL(url);
    });
  }
}
