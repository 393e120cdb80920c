// The operator console's API shapes (/api/v1/ops/...), shared by the API and the web console.
import type { PaymentView, RefundView } from './plans';

export interface OpsSearchHit {
  kind: 'workspace' | 'user' | 'payment' | 'refund';
  workspaceId: string | null;
  /** What matched: the UCID, e-mail, workspace name, order id or refund id. */
  label: string;
  merchantOrderId: string | null;
}

export interface OpsMember {
  userId: string;
  email: string;
  fullName: string | null;
  ucid: string;
  role: 'owner' | 'admin' | 'member';
}

export interface OpsWorkspace {
  id: string;
  name: string;
  ownerId: string;
  onboardingStatus: string;
  createdAt: string;
  members: OpsMember[];
  invitations: { email: string; role: string; createdAt: string }[];
  subscription: { planId: string; period: string; status: string; currentPeriodStart: string; currentPeriodEnd: string; trialEndsAt: string | null } | null;
  payments: PaymentView[];
  /** GST invoices and credit notes, newest first (amounts in paise). */
  taxDocuments: { id: string; kind: 'invoice' | 'credit_note'; number: string; issuedAt: string; total: number }[];
  manifestVersion: number | null;
  bcmStatus: string | null;
}

export interface OpsStoryEvent {
  at: string;
  kind: 'request' | 'webhook' | 'status_check' | 'transition' | 'refund' | 'outbox' | 'audit';
  summary: string;
  detail: Record<string, unknown>;
}

export interface OpsPaymentStory {
  payment: PaymentView & { workspaceId: string | null; userId: string | null; capturedAmount: number | null; providerOrderId: string | null };
  refunds: RefundView[];
  events: OpsStoryEvent[];
}

export interface AuditEntryView {
  id: string;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  actorKind: string;
  action: string;
  workspaceId: string | null;
  target: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  requestId: string | null;
}

/** One BullMQ job as the queue view shows it (its payload stays out: it may hold e-mail bodies). */
export interface OpsQueueJob {
  id: string;
  name: string;
  attemptsMade: number;
  failedReason: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface OpsQueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  prioritized: number;
}

/** A queue's depth (jobs not yet finished: waiting + prioritized + delayed + active) and its trouble. */
export interface OpsQueueView {
  name: string;
  paused: boolean;
  depth: number;
  counts: OpsQueueCounts;
  /** Active jobs whose worker lost the lock (it died or is blocked); a worker's stalled check will retry or fail them. */
  stalled: OpsQueueJob[];
  /** The newest failed jobs (up to 20). */
  failed: OpsQueueJob[];
}

/** The Postgres outbox in front of the queues: rows not yet handed to BullMQ. */
export interface OpsOutboxView {
  undelivered: number;
  withErrors: number;
  oldestUndeliveredAt: string | null;
}

export interface OpsQueues {
  at: string;
  queues: OpsQueueView[];
  outbox: OpsOutboxView;
}
