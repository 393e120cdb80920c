import type { ColumnType, Generated } from 'kysely';

// Row types of the tables our migrations create (supabase/migrations is the source of truth).
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface AuthUsersTable {
  id: string;
  email: string | null;
}

export interface UsersTable {
  id: string;
  email: string;
  full_name: string | null;
  ucid: string;
  current_workspace_id: string | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface WorkspacesTable {
  id: Generated<string>;
  name: string;
  owner_id: string;
  onboarding_status: Generated<'not_started' | 'in_progress' | 'completed'>;
  trial_used: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface WorkspaceMembersTable {
  workspace_id: string;
  user_id: string;
  role: 'owner' | 'admin' | 'member';
  created_at: CreatedAt;
}

export interface WorkspaceInvitationsTable {
  id: Generated<string>;
  workspace_id: string;
  email: string;
  role: 'admin' | 'member';
  invited_by: string | null;
  created_at: CreatedAt;
  token_hash: Generated<string>;
  expires_at: Generated<Date>;
  sent_count: Generated<number>;
  last_sent_at: Date | null;
}

export interface SubscriptionsTable {
  id: Generated<string>;
  workspace_id: string;
  plan_id: 'starter' | 'growth' | 'pro';
  period: 'month' | 'year';
  status: 'trialing' | 'active' | 'past_due' | 'expired' | 'cancelled';
  current_period_start: Timestamp;
  current_period_end: Timestamp;
  trial_ends_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export type PaymentStateColumn = 'PENDING' | 'COMPLETED' | 'FAILED';

export interface PaymentTransactionsTable {
  id: Generated<string>;
  merchant_order_id: string;
  // Null once the workspace was deleted: the money record stays.
  workspace_id: string | null;
  user_id: string | null;
  plan_id: 'starter' | 'growth' | 'pro';
  period: 'month' | 'year';
  amount: number;
  currency: Generated<string>;
  state: Generated<PaymentStateColumn>;
  provider_order_id: string | null;
  provider_transaction_id: string | null;
  checkout_url: string | null;
  expire_at: Timestamp | null;
  error_code: string | null;
  last_payload: unknown | null;
  applied_at: Timestamp | null;
  refunded_amount: Generated<number>;
  completed_at: Timestamp | null;
  captured_amount: number | null;
  covers_from: Timestamp | null;
  covers_until: Timestamp | null;
  status_checks: Generated<number>;
  // 'upgrade': a prorated plan change (subscription_changes), which switches the plan instead of extending it.
  purpose: Generated<'subscription' | 'upgrade'>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

/** Plan changes while a term runs (migration 20261202110000_plan_changes.sql). */
export interface SubscriptionChangesTable {
  id: Generated<string>;
  workspace_id: string;
  kind: 'upgrade' | 'scheduled';
  from_plan_id: 'starter' | 'growth' | 'pro';
  from_period: 'month' | 'year';
  to_plan_id: 'starter' | 'growth' | 'pro';
  to_period: 'month' | 'year';
  period_end: Timestamp;
  amount: Generated<number>;
  merchant_order_id: string | null;
  status: Generated<'pending' | 'applied' | 'cancelled'>;
  requested_by: string | null;
  resolved_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface WebhookEventsTable {
  id: Generated<string>;
  dedupe_key: string;
  event: string;
  merchant_order_id: string | null;
  state: string | null;
  payload: unknown;
  outcome: string | null;
  received_at: CreatedAt;
}

export interface RefundsTable {
  merchant_refund_id: string;
  merchant_order_id: string;
  amount: number;
  state: Generated<PaymentStateColumn>;
  provider_refund_id: string | null;
  requested_by: string | null;
  reason: Generated<'operator' | 'late_capture'>;
  error_code: string | null;
  completed_at: Timestamp | null;
  status_checks: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface OutboxTable {
  id: Generated<string>;
  queue: string;
  job_name: string;
  job_id: string;
  data: unknown;
  opts: Generated<unknown>;
  attempts: Generated<number>;
  available_at: Generated<Date>;
  delivered_at: Timestamp | null;
  last_error: string | null;
  created_at: CreatedAt;
}

export interface OperatorsTable {
  user_id: string;
  granted_by: string;
  granted_at: CreatedAt;
}

export interface OnboardingDraftsTable {
  workspace_id: string;
  answers: ColumnType<Record<string, unknown>, string | undefined, string>;
  completed_steps: ColumnType<string[], string[] | undefined, string[]>;
  current_step: Generated<string>;
  // bigint: pg returns it as a string.
  revision: Generated<string>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface BusinessContextsTable {
  id: Generated<string>;
  workspace_id: string;
  version: number;
  data: ColumnType<Record<string, unknown>, string, never>;
  schema_version: number;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface BcmManifestsTable {
  id: Generated<string>;
  workspace_id: string;
  version: number;
  source_context_version: number;
  schema_version: number;
  manifest: ColumnType<Record<string, unknown>, string, never>;
  checksum: string;
  enrichment: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface BcmStateTable {
  workspace_id: string;
  latest_version: number | null;
  status: Generated<'idle' | 'rebuilding' | 'failed'>;
  last_error: string | null;
  last_job_id: string | null;
  updated_at: Generated<Date>;
}

export interface CampaignsTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  icp_id: string;
  goal: 'awareness' | 'leads' | 'revenue' | 'retention';
  metric: string;
  // numeric: pg returns it as a string.
  target: ColumnType<string, number | string, number | string>;
  start_date: ColumnType<Date, string, string>;
  end_date: ColumnType<Date, string, string>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface MovesTable {
  id: Generated<string>;
  workspace_id: string;
  week: ColumnType<Date, string, string>;
  title: string;
  icp_id: string | null;
  channel: string;
  type: 'content' | 'outreach' | 'partnership' | 'ads' | 'community' | 'product';
  // numeric: pg returns it as a string.
  effort_hours: ColumnType<string, number | string, number | string>;
  expected_outcome: string | null;
  status: Generated<'suggested' | 'planned' | 'done' | 'dismissed'>;
  source: 'generated' | 'user';
  suggestion_key: string | null;
  suggestion_rank: number | null;
  edited_by_user: Generated<boolean>;
  campaign_id: string | null;
  scheduled_for: ColumnType<Date | null, string | null | undefined, string | null>;
  completed_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface WeeklyResultsTable {
  id: Generated<string>;
  workspace_id: string;
  week: ColumnType<Date, string, string>;
  channel: string;
  campaign_id: string | null;
  leads: Generated<number>;
  signups: Generated<number>;
  // bigint: pg returns it as a string.
  revenue_paise: ColumnType<string, number, number>;
  recorded_by: string | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface WorkspaceBillingDetailsTable {
  workspace_id: string;
  legal_name: string;
  address: string;
  state_code: string;
  gstin: string | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export type TaxDocumentKindColumn = 'invoice' | 'credit_note';

/** Written once by the service role; fiscal_year, serial and number come from the numbering trigger. */
export interface TaxDocumentsTable {
  id: Generated<string>;
  kind: TaxDocumentKindColumn;
  fiscal_year: Generated<string>;
  serial: Generated<number>;
  number: Generated<string>;
  issued_at: ColumnType<Date, Date | string | undefined, never>;
  workspace_id: string | null;
  merchant_order_id: string;
  merchant_refund_id: string | null;
  invoice_id: string | null;
  seller: unknown;
  buyer: unknown;
  place_of_supply: string;
  sac: string;
  description: string;
  rate_basis_points: number;
  taxable: number;
  cgst: number;
  sgst: number;
  igst: number;
  total: number;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: CreatedAt;
  actor_id: string | null;
  actor_email: string | null;
  actor_kind: 'operator' | 'owner' | 'member' | 'system';
  action: string;
  workspace_id: string | null;
  target: string | null;
  before: ColumnType<unknown, string | null | undefined, never>;
  after: ColumnType<unknown, string | null | undefined, never>;
  reason: string | null;
  request_id: string | null;
}

export interface PaymentHistoryTable {
  id: Generated<string>;
  at: CreatedAt;
  merchant_order_id: string;
  merchant_refund_id: string | null;
  kind: 'created' | 'state' | 'status_check';
  from_state: string | null;
  to_state: string | null;
  error_code: string | null;
}

export interface WorkspaceTrialsTable {
  workspace_id: string;
  plan_id: 'starter' | 'growth' | 'pro';
  started_by: string | null;
  started_at: CreatedAt;
  ends_at: Timestamp;
}

export interface SubscriptionRemindersTable {
  workspace_id: string;
  kind: 'trial_ending' | 'renewal_7' | 'renewal_3' | 'renewal_1';
  period_end: Timestamp;
  sent_at: CreatedAt;
}

export interface DB {
  audit_log: AuditLogTable;
  payment_history: PaymentHistoryTable;
  payment_transactions: PaymentTransactionsTable;
  webhook_events: WebhookEventsTable;
  refunds: RefundsTable;
  outbox: OutboxTable;
  operators: OperatorsTable;
  'auth.users': AuthUsersTable;
  users: UsersTable;
  workspaces: WorkspacesTable;
  workspace_members: WorkspaceMembersTable;
  workspace_invitations: WorkspaceInvitationsTable;
  subscriptions: SubscriptionsTable;
  subscription_changes: SubscriptionChangesTable;
  onboarding_drafts: OnboardingDraftsTable;
  business_contexts: BusinessContextsTable;
  bcm_manifests: BcmManifestsTable;
  bcm_state: BcmStateTable;
  campaigns: CampaignsTable;
  moves: MovesTable;
  weekly_results: WeeklyResultsTable;
  workspace_billing_details: WorkspaceBillingDetailsTable;
  tax_documents: TaxDocumentsTable;
  workspace_trials: WorkspaceTrialsTable;
  subscription_reminders: SubscriptionRemindersTable;
}
