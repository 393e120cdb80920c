import { Injectable, Logger } from '@nestjs/common';
import { OnboardingStatus, WorkspaceDirectory } from '@raptorflow/api-auth';
import { BcmRebuildQueue, BusinessContextRow, BusinessContexts } from '@raptorflow/api-bcm';
import { Database, NotFoundError, ReadCache, ServiceUnavailableError, Tx, UserClaims, WorkspaceAccess, WorkspaceGrant, workspaceTag } from '@raptorflow/api-platform';
import {
  BusinessContextData,
  FinalizeOnboardingResponse,
  findStep,
  OnboardingState,
  SaveStepRequest,
  SaveStepResponse,
  StepId,
  SCHEMA_VERSION,
  STEP_IDS,
  validateBusinessContext,
  validateStep,
  WorkspaceRole,
} from '@raptorflow/contracts';
import { BusinessContextResponse } from './onboarding.contracts';
import { OnboardingDrafts } from './onboarding.drafts';
import { isDatabaseUnavailable } from './db-unavailable.util';
import { OnboardingError } from './onboarding.errors';
import { CLEANUP_BATCH, DRAFT_ABANDONED_AFTER_DAYS, OnboardingCleanupResult } from './onboarding.jobs';
import { DraftRow, OnboardingRepository } from './onboarding.repository';
import { applyStep, assembleContext, Draft, draftFromContext, toOnboardingState } from './onboarding.state';

const MANAGERS: readonly WorkspaceRole[] = ['owner', 'admin'];

/** What onboarding decides on about a workspace; who may do what there is WorkspaceAccess's answer. */
interface OnboardingWorkspaceRow {
  workspace_id: string;
  onboarding_status: OnboardingStatus;
  draft_revision: string | null;
  context_version: number | null;
}
/** Drafts remembered by an instance (a few kilobytes each). */
const LAST_SAVED_MAX = 1_000;

function toDraft(row: DraftRow): Draft {
  return {
    answers: row.answers,
    completedSteps: row.completed_steps,
    currentStep: row.current_step,
    revision: Number(row.revision),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The draft just written, with the revision and time Postgres gave it. */
function stamped(draft: Omit<Draft, 'revision' | 'updatedAt'>, { revision, updated_at }: Pick<DraftRow, 'revision' | 'updated_at'>): Draft {
  return { ...draft, revision: Number(revision), updatedAt: updated_at.toISOString() };
}

function toContextResponse(row: BusinessContextRow): BusinessContextResponse {
  return {
    version: row.version,
    data: row.data as unknown as BusinessContextData,
    schemaVersion: row.schema_version,
    createdAt: row.created_at.toISOString(),
  };
}

/** The onboarding wizard of the user's current workspace: draft saves, resume, finalize, cleanup. */
@Injectable()
export class OnboardingService {
  private readonly logger = new Logger(OnboardingService.name);
  private readonly lastSaved = new Map<string, Draft>();

  constructor(
    private readonly db: Database,
    private readonly repo: OnboardingRepository,
    private readonly drafts: OnboardingDrafts,
    private readonly bcmQueue: BcmRebuildQueue,
    private readonly readCache: ReadCache,
    private readonly workspaces: WorkspaceAccess,
    private readonly contexts: BusinessContexts,
    private readonly directory: WorkspaceDirectory,
  ) {}

  /** Saved answers, completed steps and where to resume. Reads the draft from Redis, else from Postgres (re-warming Redis). */
  // Redis is read between transactions, never inside one: a slow Redis must not hold a pooled connection.
  async state(claims: UserClaims): Promise<OnboardingState> {
    const access = await this.asUser(claims, (tx) => this.access(tx, claims, 'read'));
    const { onboarding_status: status, context_version: contextVersion, workspace_id: workspaceId } = access;
    const cached = access.draft_revision === null ? null : await this.drafts.get(workspaceId);
    // Postgres says which revision is current, so a stale or leftover Redis copy is never served.
    if (cached && cached.revision === Number(access.draft_revision)) return toOnboardingState({ draft: cached, status, contextVersion, savedDraft: true });
    const { state, rewarm } = await this.asUser(claims, async (tx) => {
      const row = access.draft_revision === null ? undefined : await this.repo.draft(tx, workspaceId);
      if (row) {
        const draft = toDraft(row);
        return { state: toOnboardingState({ draft, status, contextVersion, savedDraft: true }), rewarm: draft };
      }
      // No draft: after a finalize the wizard shows the latest context; before any save, an empty wizard.
      const latest = contextVersion === null ? undefined : await this.contexts.latest(tx, workspaceId);
      const seeded = latest ? draftFromContext(latest.data, latest.created_at) : null;
      return { state: toOnboardingState({ draft: seeded, status, contextVersion, savedDraft: false }), rewarm: null };
    });
    if (rewarm) await this.drafts.put(workspaceId, rewarm);
    return state;
  }

  /** Validates one step (fully when the client marks it complete, else as a draft) and saves it to Postgres, then Redis. */
  async saveStep(claims: UserClaims, stepId: string, request: SaveStepRequest): Promise<SaveStepResponse> {
    const step = findStep(stepId);
    if (!step) throw new OnboardingError('STEP_NOT_FOUND', `Onboarding step "${stepId}" not found`);
    const complete = request.complete ?? true;
    const validation = validateStep(step.id, request.answers, { partial: !complete });
    if (!validation.valid) {
      const fields = [...new Set(validation.errors.map((e) => e.path))].join(', ');
      throw new OnboardingError('VALIDATION_FAILED', `Check the "${step.title}" answers: ${fields}`, { errors: validation.errors });
    }
    const access = await this.writeAccess(claims);
    const draft = (await this.saveOnCachedDraft(access.workspace_id, claims.sub, step.id, request.answers, complete)) ?? (await this.saveLocked(claims, step.id, request.answers, complete));
    this.remember(access.workspace_id, draft);
    // The draft's insert trigger moved not_started to in_progress.
    const status = access.onboarding_status === 'not_started' ? 'in_progress' : access.onboarding_status;
    const { workspace_id: workspaceId, context_version: contextVersion } = access;
    await this.drafts.put(workspaceId, draft);
    return {
      stepId: step.id,
      completed: draft.completedSteps.includes(step.id),
      state: toOnboardingState({ draft, status, contextVersion, savedDraft: true }),
    };
  }

  /**
   * Turns the draft into business_context version N+1 and completes onboarding, in one service transaction after
   * checking the caller's role; then clears the Redis copy and enqueues the BCM build. With no draft left, returns
   * the latest context instead (a repeated finalize is harmless).
   */
  async finalize(claims: UserClaims): Promise<FinalizeOnboardingResponse> {
    const result = await this.run(() =>
      this.db.asService(async (tx) => {
        const access = await this.access(tx, claims, 'write', true);
        const draft = await this.repo.draft(tx, access.workspace_id, true);
        if (!draft) {
          const latest = await this.contexts.latest(tx, access.workspace_id);
          if (!latest) throw incomplete(validateBusinessContext({}).errors);
          return { workspaceId: access.workspace_id, context: latest, created: false };
        }
        const data = assembleContext(draft.answers);
        const validation = validateBusinessContext(data);
        if (!validation.valid) throw incomplete(validation.errors);
        const context = await this.contexts.append(tx, access.workspace_id, data, SCHEMA_VERSION, claims.sub);
        await this.directory.completeOnboarding(tx, access.workspace_id);
        await this.repo.deleteDraft(tx, access.workspace_id);
        return { workspaceId: access.workspace_id, context, created: true };
      }),
    );
    if (result.created) {
      this.remember(result.workspaceId, null);
      await this.drafts.delete(result.workspaceId);
      await this.enqueueBcmBuild(result.workspaceId);
    }
    const state = toOnboardingState({
      draft: draftFromContext(result.context.data, result.context.created_at),
      status: 'completed',
      contextVersion: result.context.version,
      savedDraft: false,
    });
    return { contextVersion: result.context.version, state };
  }

  /** The latest finalized business_context of the current workspace. */
  latestContext(claims: UserClaims): Promise<BusinessContextResponse> {
    return this.asUser(claims, async (tx) => {
      const access = await this.access(tx, claims, 'read');
      const row = await this.contexts.latest(tx, access.workspace_id);
      if (!row) throw new OnboardingError('CONTEXT_NOT_FOUND', 'Business context not found: finish onboarding first');
      return toContextResponse(row);
    });
  }

  /**
   * Worker job: removes drafts abandoned for 30 days from Postgres and their Redis copies, a batch per statement, so
   * no transaction holds many row locks for long (one DELETE of a million drafts held them for 3 s, tmp/bench).
   */
  async cleanupAbandonedDrafts(): Promise<OnboardingCleanupResult> {
    let removed = 0;
    for (;;) {
      const batch = await this.db.asServiceStatement((db) => this.repo.deleteAbandonedDrafts(db, DRAFT_ABANDONED_AFTER_DAYS, CLEANUP_BATCH));
      await this.drafts.delete(...batch);
      removed += batch.length;
      if (batch.length < CLEANUP_BATCH) break;
    }
    if (removed) this.logger.log(`removed ${removed} abandoned onboarding draft(s)`);
    return { removed };
  }

  /**
   * Who may write (WorkspaceAccess's remembered grant, decided on every call) and the workspace's onboarding status,
   * both from the ReadCache (dropped on any change of membership, plan or status).
   */
  private async writeAccess(claims: UserClaims): Promise<WriteAccess> {
    const grant = await this.run(() => this.workspaces.current(claims));
    checkAccess(grant, 'write');
    const { workspaceId } = grant;
    return this.readCache.get(
      `onboarding:${workspaceId}`,
      () => this.asUser(claims, async (tx) => pickWriteAccess(await this.workspaceState(tx, workspaceId))),
      () => [workspaceTag(workspaceId)],
    );
  }

  /**
   * The usual save: one conditional update on top of the draft this instance saved last, else the Redis copy (its
   * revision must still be the stored one). Null when there is no copy or another save came first; the caller then
   * takes the lock.
   */
  private async saveOnCachedDraft(workspaceId: string, userId: string, stepId: StepId, answers: object, complete: boolean): Promise<Draft | null> {
    const cached = this.lastSaved.get(workspaceId) ?? (await this.drafts.get(workspaceId));
    if (!cached) return null;
    const next = applyStep(cached, stepId, answers, complete);
    const saved = await this.run(() => this.db.asServiceStatement((db) => this.repo.writeDraft(db, workspaceId, { ...next, userId }, cached.revision)));
    return saved ? stamped(next, saved) : null;
  }

  // The draft this instance saved last per workspace: a founder's next save starts from it without a Redis read.
  // Never trusted: the update only applies if its revision is still the stored one.
  private remember(workspaceId: string, draft: Draft | null): void {
    this.lastSaved.delete(workspaceId);
    if (!draft) return;
    if (this.lastSaved.size >= LAST_SAVED_MAX) this.lastSaved.delete(this.lastSaved.keys().next().value as string);
    this.lastSaved.set(workspaceId, draft);
  }

  private saveLocked(claims: UserClaims, stepId: StepId, answers: object, complete: boolean): Promise<Draft> {
    return this.asUser(claims, async (tx) => {
      const access = await this.access(tx, claims, 'write');
      const latest = access.context_version === null ? undefined : await this.contexts.latest(tx, access.workspace_id);
      await this.repo.ensureDraft(tx, access.workspace_id, claims.sub, latest?.data, STEP_IDS);
      const current = (await this.repo.draft(tx, access.workspace_id, true)) as DraftRow;
      const next = applyStep({ answers: current.answers, completedSteps: current.completed_steps }, stepId, answers, complete);
      return stamped(next, (await this.repo.writeDraft(tx, access.workspace_id, { ...next, userId: claims.sub })) as Pick<DraftRow, 'revision' | 'updated_at'>);
    });
  }

  // The browser asks verify-profile and the BCM next: they must see "completed" and the queued build (enqueue
  // announces the change; without the queue it is announced here).
  private async enqueueBcmBuild(workspaceId: string): Promise<void> {
    try {
      await this.bcmQueue.enqueue(workspaceId, 'onboarding-finalized');
    } catch (error) {
      // The context is saved; the BCM can be rebuilt on request (the bcm module's rebuild endpoint).
      this.logger.warn(`BCM build for workspace ${workspaceId} not enqueued: ${(error as Error).message}`);
      await this.readCache.announce(workspaceId).catch(() => undefined);
    }
  }

  /** The caller's workspace, refused unless its subscription allows the action and (to write) the caller manages it. */
  private async access(tx: Tx, claims: UserClaims, mode: 'read' | 'write', lock = false): Promise<OnboardingWorkspaceRow> {
    const grant = await this.workspaces.of(tx, claims.sub);
    checkAccess(grant, mode);
    return this.workspaceState(tx, grant.workspaceId, lock);
  }

  /** The workspace's onboarding status, draft revision and latest context version; `lock` takes the workspace row for update. */
  private async workspaceState(tx: Tx, workspaceId: string, lock = false): Promise<OnboardingWorkspaceRow> {
    const status = await this.directory.onboardingStatus(tx, workspaceId, lock);
    if (!status) throw new NotFoundError('Workspace');
    return {
      workspace_id: workspaceId,
      onboarding_status: status,
      draft_revision: (await this.repo.draftRevision(tx, workspaceId)) ?? null,
      context_version: await this.contexts.latestVersion(tx, workspaceId),
    };
  }

  private asUser<T>(claims: UserClaims, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.run(() => this.db.asUser(claims, fn));
  }

  // Postgres holds the copy of record: without it nothing can be saved, so the client is told to retry.
  private async run<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw new ServiceUnavailableError('Onboarding is temporarily unavailable (nothing was changed). Try again shortly.');
      throw error;
    }
  }
}

/** What a save decides on: everything of the workspace row that change notifications cover (not the draft revision). */
type WriteAccess = Omit<OnboardingWorkspaceRow, 'draft_revision'>;

function pickWriteAccess({ workspace_id, onboarding_status, context_version }: OnboardingWorkspaceRow): WriteAccess {
  return { workspace_id, onboarding_status, context_version };
}

function checkAccess(grant: WorkspaceGrant | null, mode: 'read' | 'write'): asserts grant is WorkspaceGrant {
  if (!grant) throw new OnboardingError('NOT_A_MEMBER', 'You are not a member of any workspace yet.');
  if (!grant.read) throw new OnboardingError('PAYMENT_REQUIRED', 'Choose a plan to start onboarding.');
  // past_due is the read-only grace period: answers can be seen, not changed.
  if (mode === 'write' && !grant.write) throw new OnboardingError('PAYMENT_REQUIRED', 'Your subscription has lapsed; renew it to change your answers.');
  if (mode === 'write' && !MANAGERS.includes(grant.role)) {
    throw new OnboardingError('ROLE_REQUIRED', 'Only the workspace owner or an admin can answer onboarding.');
  }
}

function incomplete(errors: ReturnType<typeof validateBusinessContext>['errors']): OnboardingError {
  const steps = [...new Set(errors.map((e) => e.stepId))]
    .map((id) => findStep(id)?.title ?? id)
    .join(', ');
  return new OnboardingError('ANSWERS_INCOMPLETE', `Finish these steps before finalizing: ${steps}`, { errors });
}
