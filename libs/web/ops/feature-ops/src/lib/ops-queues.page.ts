import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import type { OpsQueueJob, OpsQueues, OpsQueueView } from '@raptorflow/contracts';
import { IndianDateTimePipe, IndianNumberPipe } from '@raptorflow/web-ui';
import { MATERIAL, OpsPage, PAGE_STYLES } from './ops.pages';

/** BullMQ queues at a glance (our own page: bull-board would not fit the CSP or the design), with an audited retry. */
@Component({
  selector: 'rf-ops-queues-page',
  imports: [...MATERIAL, IndianDateTimePipe, IndianNumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    ${PAGE_STYLES}
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    .warn { color: var(--mat-sys-error, #b3261e); font-weight: 500; }
    .reason { overflow-wrap: anywhere; }
  `,
  template: `
    <section class="page">
      <h1>Queues</h1>
      <nav aria-label="Operator console"><a routerLink="/ops">Search</a><a routerLink="/ops/audit">Audit trail</a><a routerLink="/ops/queues">Queues</a></nav>
      <rf-error-banner [message]="error()" />
      @if (notice(); as text) {
        <p role="status" class="muted" data-testid="ops-notice">{{ text }}</p>
      }
      @if (overview(); as o) {
        <p class="muted">
          As of {{ o.at | inDateTime }} ·
          <span data-testid="ops-outbox">outbox: {{ o.outbox.undelivered | inNumber }} not yet delivered{{ o.outbox.withErrors ? ', ' + o.outbox.withErrors + ' with errors' : '' }}{{ o.outbox.oldestUndeliveredAt ? ', oldest ' + (o.outbox.oldestUndeliveredAt | inDateTime) : '' }}</span>
          <button mat-button type="button" (click)="load()" [disabled]="busy()">Refresh</button>
        </p>
        <div class="rf-table-scroll" tabindex="0" role="region" aria-label="Queue counts">
          <table data-testid="ops-queues">
            <thead>
              <tr>
                <th scope="col">Queue</th><th scope="col" class="num">Depth</th><th scope="col" class="num">Waiting</th><th scope="col" class="num">Active</th>
                <th scope="col" class="num">Delayed</th><th scope="col" class="num">Failed</th><th scope="col" class="num">Stalled</th><th scope="col" class="num">Completed</th>
              </tr>
            </thead>
            <tbody>
              @for (q of o.queues; track q.name) {
                <tr [attr.data-queue]="q.name">
                  <th scope="row">{{ q.name }}@if (q.paused) { <span class="warn">(paused)</span>}</th>
                  <td class="num">{{ q.depth | inNumber }}</td>
                  <td class="num">{{ q.counts.waiting + q.counts.prioritized | inNumber }}</td>
                  <td class="num">{{ q.counts.active | inNumber }}</td>
                  <td class="num">{{ q.counts.delayed | inNumber }}</td>
                  <td class="num" [class.warn]="q.counts.failed > 0">{{ q.counts.failed | inNumber }}</td>
                  <td class="num" [class.warn]="q.stalled.length > 0">{{ q.stalled.length | inNumber }}</td>
                  <td class="num">{{ q.counts.completed | inNumber }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>

        @if (troubled(o); as list) {
          @if (list.length === 0) {
            <p class="muted">No failed or stalled jobs.</p>
          } @else {
            <form aria-label="Retry reason">
              <mat-form-field appearance="outline">
                <mat-label>Reason for retrying</mat-label>
                <input matInput name="reason" [(ngModel)]="reason" required minlength="3" data-testid="ops-reason" />
                <mat-hint>Written to the audit trail with each retry.</mat-hint>
              </mat-form-field>
            </form>
          }
          @for (q of list; track q.name) {
            <mat-card appearance="outlined"><mat-card-content>
              <h2>{{ q.name }}</h2>
              @if (q.stalled.length) {
                <h3>Stalled (no live worker holds them)</h3>
                <ul>
                  @for (job of q.stalled; track job.id) {
                    <li><code>{{ job.id }}</code> {{ job.name }} · started {{ job.createdAt | inDateTime }}</li>
                  }
                </ul>
              }
              @if (q.failed.length) {
                <h3>Failed (newest {{ q.failed.length }} of {{ q.counts.failed | inNumber }})</h3>
                <div class="rf-table-scroll" tabindex="0" role="region" [attr.aria-label]="'Failed jobs of ' + q.name">
                  <table [attr.data-testid]="'ops-failed-' + q.name">
                    <thead><tr><th scope="col">Job</th><th scope="col">Attempts</th><th scope="col">Reason</th><th scope="col">Failed at</th><th scope="col"><span class="cdk-visually-hidden">Action</span></th></tr></thead>
                    <tbody>
                      @for (job of q.failed; track job.id) {
                        <tr>
                          <td><code>{{ job.id }}</code> {{ job.name }}</td>
                          <td>{{ job.attemptsMade }}</td>
                          <td class="reason">{{ job.failedReason ?? '–' }}</td>
                          <td>{{ job.finishedAt ? (job.finishedAt | inDateTime) : '–' }}</td>
                          <td>
                            <button mat-stroked-button type="button" [disabled]="busy() || reason.trim().length < 3" [attr.aria-label]="'Retry job ' + job.id + ' of ' + q.name" (click)="retry(q, job)">Retry</button>
                          </td>
                        </tr>
                      }
                    </tbody>
                  </table>
                </div>
              }
            </mat-card-content></mat-card>
          }
        }
      }
    </section>
  `,
})
export class OpsQueuesPage extends OpsPage {
  protected readonly overview = signal<OpsQueues | null>(null);
  protected reason = '';

  constructor() {
    super();
    this.load();
  }

  protected troubled(o: OpsQueues): OpsQueueView[] {
    return o.queues.filter((q) => q.failed.length > 0 || q.stalled.length > 0);
  }

  load(): void {
    this.run(this.api.queues(), (o) => this.overview.set(o));
  }

  retry(queue: OpsQueueView, job: OpsQueueJob): void {
    this.run(this.api.retryJob(queue.name, job.id, this.reason.trim()), (o) => this.overview.set(o), `Job ${job.id} of ${queue.name} is back in the queue.`);
  }
}
