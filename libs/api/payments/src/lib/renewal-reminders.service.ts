import { Injectable, Logger } from '@nestjs/common';
import { WorkspaceDirectory } from '@raptorflow/api-auth';
import { emailMessage, Outbox, renewalReminderEmail, trialEndingEmail } from '@raptorflow/api-email';
import { AppConfig, Database } from '@raptorflow/api-platform';
import { daysUntil, dueReminder, findPlan, RENEWAL_REMINDER_DAYS, type ReminderKind } from '@raptorflow/contracts';
import { mandateDebitFor } from './mandates/mandate.rules';
import { MandatesRepository } from './mandates/mandates.repository';
import { PlanChangeRepository } from './plan-change.repository';
import { ReminderCandidate, TrialsRepository } from './trials.repository';

export interface SentReminder {
  workspaceId: string;
  kind: ReminderKind;
}

/**
 * Reminders before a period ends: "trial ends in 3 days" for a trial, 7, 3 and 1 days before a paid term without a
 * mandate ends (renewal is a new checkout of the same plan and period). Each reminder is a subscription_reminders
 * row and an outbox mail written in one transaction, so it goes out once per period however often the sweep runs.
 */
@Injectable()
export class RenewalRemindersService {
  private readonly logger = new Logger(RenewalRemindersService.name);

  constructor(
    private readonly db: Database,
    private readonly trials: TrialsRepository,
    private readonly mandates: MandatesRepository,
    private readonly changes: PlanChangeRepository,
    private readonly directory: WorkspaceDirectory,
    private readonly outbox: Outbox,
    private readonly config: AppConfig,
  ) {}

  /** Sends what is due at `now`; returns the reminders this call sent. */
  async sweep(now: Date = new Date()): Promise<SentReminder[]> {
    const candidates = await this.db.asService((tx) => this.trials.endingWithin(tx, now, RENEWAL_REMINDER_DAYS[0]));
    const sent: SentReminder[] = [];
    for (const candidate of candidates) {
      try {
        const kind = await this.remind(candidate.workspace_id, now);
        if (kind) sent.push({ workspaceId: candidate.workspace_id, kind });
      } catch (error) {
        // One workspace's trouble must not hold back the others; the next sweep tries it again.
        this.logger.warn(`reminder for workspace ${candidate.workspace_id} not sent: ${(error as Error).message}`);
      }
    }
    return sent;
  }

  private remind(workspaceId: string, now: Date): Promise<ReminderKind | null> {
    return this.db.asService(async (tx) => {
      // Decided on the locked row: a renewal or cancellation that committed since the search is seen.
      const sub = await this.trials.lockSubscription(tx, workspaceId);
      if (!sub) return null;
      // A term an active UPI Autopay mandate renews gets the mandate's pre-debit notice instead (mandate-cycle.service.ts).
      const mandate = await this.mandates.running(tx, workspaceId);
      // It follows the plan: the renewal is the term's plan, or the one a scheduled change moves it to.
      const scheduled = mandate?.state === 'active' ? await this.changes.scheduled(tx, workspaceId) : undefined;
      const renewal = scheduled ? { planId: scheduled.to_plan_id, period: scheduled.to_period } : { planId: sub.plan_id, period: sub.period };
      if (mandate?.state === 'active' && mandateDebitFor(mandate, renewal) !== undefined) return null;
      const kind = dueReminder({ status: sub.status, currentPeriodEnd: sub.current_period_end }, now);
      if (!kind) return null;
      const periodEnd = new Date(sub.current_period_end);
      if (!(await this.trials.recordReminder(tx, workspaceId, kind, periodEnd))) return null;
      const contact = await this.directory.contact(tx, workspaceId, null);
      if (!contact) return kind;
      const customerName = contact.fullName ?? undefined;
      const email = this.render(kind, sub, periodEnd, now, customerName);
      await this.outbox.add(tx, emailMessage(contact.email, email, `reminder/${kind}/${workspaceId}/${periodEnd.getTime()}`));
      return kind;
    });
  }

  private render(kind: ReminderKind, sub: ReminderCandidate, periodEnd: Date, now: Date, customerName: string | undefined) {
    const plan = findPlan(sub.plan_id);
    const planName = plan?.name ?? sub.plan_id;
    // The dashboard's billing banner holds the one-click checkout of the same plan and period.
    const appUrl = `${this.config.WEB_URL}/app/dashboard`;
    if (kind === 'trial_ending') return trialEndingEmail({ customerName, planName, trialEndsAt: periodEnd, billingUrl: appUrl });
    return renewalReminderEmail({ customerName, planName, period: sub.period, amountPaise: plan?.prices[sub.period] ?? 0, periodEnd, daysLeft: daysUntil(periodEnd, now), renewUrl: appUrl });
  }
}
