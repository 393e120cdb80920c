-- UPI Autopay (PhonePe subscriptions v2). A mandate is the customer's standing permission to debit a plan's price
-- each period; a mandate_debits row is one attempt at one cycle (the period end it renews). The database enforces
-- what matters: the mandate state machine, the RBI e-mandate limit (no AFA above Rs 15,000 a debit), the 24 h
-- pre-debit notice, and that a cycle is debited at most once.

create table public.mandates (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  user_id uuid references public.users (id) on delete set null,
  merchant_subscription_id text not null unique check (merchant_subscription_id ~ '^[A-Za-z0-9_-]{1,63}$'),
  provider_subscription_id text,
  -- The setup order is the first period's payment (authWorkflowType TRANSACTION).
  setup_order_id text not null unique references public.payment_transactions (merchant_order_id),
  plan_id text not null check (plan_id in ('starter', 'growth', 'pro')),
  period text not null check (period in ('month', 'year')),
  state text not null default 'pending' check (state in ('pending', 'active', 'paused', 'revoked', 'expired', 'failed')),
  -- customer: paused in their UPI app (PhonePe says PAUSED); founder: paused in RaptorFlow (we skip debits).
  paused_by text check (paused_by in ('customer', 'founder')),
  max_amount integer not null check (max_amount >= 100 and max_amount <= 1500000),
  amount integer not null check (amount >= 100),
  frequency text not null check (frequency in ('MONTHLY', 'YEARLY')),
  valid_until timestamptz not null,
  next_debit_at timestamptz,
  next_debit_amount integer,
  status_checks integer not null default 0,
  last_payload jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (amount <= max_amount),
  check ((state = 'paused') = (paused_by is not null))
);
-- One running mandate per workspace; abandoned setups (pending) may pile up until PhonePe fails them.
create unique index mandates_one_running on public.mandates (workspace_id) where state in ('active', 'paused');
create index mandates_workspace_idx on public.mandates (workspace_id, created_at desc);
create trigger mandates_updated_at before update on public.mandates for each row execute function public.set_updated_at();

create or replace function public.mandate_state_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.state = old.state then return new; end if;
  if not (
    (old.state = 'pending' and new.state in ('active', 'failed', 'revoked', 'expired'))
    or (old.state = 'active' and new.state in ('paused', 'revoked', 'expired'))
    or (old.state = 'paused' and new.state in ('active', 'revoked', 'expired'))
  ) then
    raise exception 'mandate % is % and cannot become %', old.merchant_subscription_id, old.state, new.state using errcode = 'check_violation';
  end if;
  return new;
end $$;
create trigger mandates_state_guard before update on public.mandates for each row execute function public.mandate_state_guard();

create table public.mandate_debits (
  id uuid primary key default gen_random_uuid(),
  mandate_id uuid not null references public.mandates (id) on delete cascade,
  -- The cycle: the subscription period end this debit renews.
  cycle_end timestamptz not null,
  attempt smallint not null check (attempt between 1 and 3),
  merchant_order_id text not null unique check (merchant_order_id ~ '^[A-Za-z0-9_-]{1,63}$'),
  amount integer not null check (amount >= 100 and amount <= 1500000),
  due_at timestamptz not null,
  state text not null default 'scheduled' check (state in ('scheduled', 'notified', 'executing', 'completed', 'failed', 'skipped')),
  notified_at timestamptz,
  executed_at timestamptz,
  completed_at timestamptz,
  error_code text,
  -- PhonePe's id of the redemption order once notify was accepted.
  provider_order_id text,
  -- How often a job looked at this debit: part of its next job's id (mandates.jobs.ts).
  checks integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (mandate_id, cycle_end, attempt),
  -- RBI: the debit runs at least 24 hours after its pre-debit notice.
  check (executed_at is null or (notified_at is not null and executed_at >= notified_at + interval '24 hours'))
);
-- A cycle is debited at most once, and has at most one attempt in flight.
create unique index mandate_debits_one_success on public.mandate_debits (mandate_id, cycle_end) where state = 'completed';
create unique index mandate_debits_one_live on public.mandate_debits (mandate_id, cycle_end) where state in ('scheduled', 'notified', 'executing');
create index mandate_debits_due_idx on public.mandate_debits (due_at) where state in ('scheduled', 'notified', 'executing');
create trigger mandate_debits_updated_at before update on public.mandate_debits for each row execute function public.set_updated_at();

create or replace function public.mandate_debit_state_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.amount <> old.amount or new.merchant_order_id <> old.merchant_order_id or new.cycle_end <> old.cycle_end then
    raise exception 'a mandate debit''s amount, order and cycle never change' using errcode = 'check_violation';
  end if;
  if new.state = old.state then return new; end if;
  if not (
    (old.state = 'scheduled' and new.state in ('notified', 'skipped', 'failed'))
    or (old.state = 'notified' and new.state in ('executing', 'skipped', 'failed'))
    or (old.state = 'executing' and new.state in ('completed', 'failed'))
  ) then
    raise exception 'mandate debit % is % and cannot become %', old.merchant_order_id, old.state, new.state using errcode = 'check_violation';
  end if;
  return new;
end $$;
create trigger mandate_debits_state_guard before update on public.mandate_debits for each row execute function public.mandate_debit_state_guard();

-- An executed debit is a payment_transactions row with the same merchant order id; its settlement (status API,
-- subscription extension, invoice) decides the debit's outcome in the same transaction.
create or replace function public.mandate_debit_follow_payment() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.state <> old.state and new.state in ('COMPLETED', 'FAILED') then
    update public.mandate_debits
       set state = lower(new.state), completed_at = case when new.state = 'COMPLETED' then now() end,
           error_code = case when new.state = 'FAILED' then new.error_code end
     where merchant_order_id = new.merchant_order_id and state = 'executing';
  end if;
  return new;
end $$;
create trigger payment_transactions_mandate_debit after update of state on public.payment_transactions
  for each row execute function public.mandate_debit_follow_payment();

alter table public.mandates enable row level security;
alter table public.mandate_debits enable row level security;
revoke all on public.mandates, public.mandate_debits from anon, authenticated;
grant all on public.mandates, public.mandate_debits to service_role;

-- The owner reads their workspace's mandates (only the owner pays); PhonePe's ids and payloads stay with the
-- service role (column grants, as for payment_transactions: a column added later is private until granted).
create policy mandates_owner_select on public.mandates for select to authenticated
  using (exists (select 1 from public.workspaces w where w.id = mandates.workspace_id and w.owner_id = (select auth.uid())));
create policy mandate_debits_owner_select on public.mandate_debits for select to authenticated
  using (exists (select 1 from public.mandates m join public.workspaces w on w.id = m.workspace_id
                 where m.id = mandate_debits.mandate_id and w.owner_id = (select auth.uid())));
grant select (id, workspace_id, plan_id, period, state, paused_by, max_amount, amount, frequency, valid_until, next_debit_at,
              next_debit_amount, created_at, updated_at)
  on public.mandates to authenticated;
grant select (id, mandate_id, cycle_end, attempt, amount, due_at, state, notified_at, executed_at, completed_at, error_code, created_at)
  on public.mandate_debits to authenticated;
