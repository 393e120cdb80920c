import { Injectable } from '@nestjs/common';
import { WorkspaceDirectory } from '@raptorflow/api-auth';
import { emailMessage, Outbox, trialStartedEmail } from '@raptorflow/api-email';
import { AppConfig, AuditLog, Database, NotFoundError, ReadCache, UserClaims, WorkspaceAccess } from '@raptorflow/api-platform';
import { findPlan, PlanId, StartTrialResponse, TrialAvailability } from '@raptorflow/contracts';
import { PaymentsError } from './payments.errors';
import { ownerActor } from './payment-ids';
import { TrialsError } from './trials.errors';
import { TrialsRepository } from './trials.repository';

/**
 * Free trials (domain.md "Billing lifecycle"): granted at most once per workspace, without payment, for the plans
 * the catalog gives trial days. The trial row, the trialing subscription, the audit line and the trial-started
 * mail are one transaction; the database's keys refuse a second trial or a trial over a subscription.
 */
@Injectable()
export class TrialsService {
  constructor(
    private readonly db: Database,
    private readonly trials: TrialsRepository,
    private readonly directory: WorkspaceDirectory,
    private readonly outbox: Outbox,
    private readonly config: AppConfig,
    private readonly access: WorkspaceAccess,
    private readonly audit: AuditLog,
    private readonly readCache: ReadCache,
  ) {}

  /** Whether the caller's workspace can still start its trial (the plan page offers it only then). */
  availability(claims: UserClaims): Promise<TrialAvailability> {
    return this.db.asUser(claims, async (tx) => {
      const grant = await this.access.of(tx, claims.sub);
      if (!grant) throw new NotFoundError('Workspace');
      const { used, subscribed } = await this.trials.trialFacts(tx, grant.workspaceId);
      const reason = used ? 'used' : subscribed ? 'subscribed' : null;
      return { available: reason === null, reason };
    });
  }

  async start(claims: UserClaims, planId: PlanId, requestId: string | null = null): Promise<StartTrialResponse> {
    const plan = findPlan(planId);
    if (!plan) throw new PaymentsError('PLAN_NOT_FOUND', `planId: there is no plan "${planId}".`);
    if (plan.trialDays <= 0) {
      throw new TrialsError('TRIAL_NOT_OFFERED', `planId: the ${plan.name} plan has no free trial.`, [{ field: 'planId', problems: ['has no free trial'] }]);
    }
    const { workspaceId } = await this.db.asUser(claims, (tx) => this.access.owned(tx, claims.sub, 'start a trial'));
    const endsAt = await this.db.asService(async (tx) => {
      const trial = await this.trials.insertTrial(tx, workspaceId, plan.id, claims.sub, plan.trialDays);
      if (!trial) throw new TrialsError('TRIAL_ALREADY_USED', 'This workspace has already used its free trial. Choose a plan to continue.');
      // Throwing rolls the trial row back with it: a workspace that pays keeps its trial for nothing.
      if (!(await this.trials.insertTrialSubscription(tx, workspaceId, plan.id, trial.ends_at))) {
        throw new TrialsError('TRIAL_UNAVAILABLE', 'This workspace already has a subscription; the free trial is for a workspace that never had one.');
      }
      await this.audit.record(tx, { ...ownerActor(claims), action: 'subscription.trial_start', workspaceId, target: plan.id, after: { status: 'trialing', planId: plan.id, trialEndsAt: trial.ends_at.toISOString() }, requestId });
      const contact = await this.directory.contact(tx, workspaceId, claims.sub);
      if (contact) {
        const email = trialStartedEmail({ customerName: contact.fullName ?? undefined, planName: plan.name, trialEndsAt: trial.ends_at, appUrl: `${this.config.WEB_URL}/app/dashboard` });
        await this.outbox.add(tx, emailMessage(contact.email, email, `trial-started/${workspaceId}`));
      }
      return trial.ends_at;
    });
    // The browser's next verify-profile must already see the trial.
    await this.readCache.announce(workspaceId).catch(() => undefined);
    return { status: 'trialing', planId: plan.id, trialEndsAt: endsAt.toISOString() };
  }
}
