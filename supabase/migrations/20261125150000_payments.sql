-- Payments: one row per checkout attempt, a webhook dedupe log and refunds. Money state moves only
-- PENDING -> COMPLETED | FAILED; users read their workspace's rows, only the service role writes.

create table public.payment_transactions (
  id uuid primary key default gen_random_uuid(),
  merchant_order_id text not null unique check (merchant_order_id ~ '^[A-Za-z0-9_-]{1,63}$'),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  user_id uuid references public.users (id) on delete set null,
  plan_id text not null check (plan_id in ('starter', 'growth', 'pro')),
  period text not null check (period in ('month', 'year')),
  amount integer not null check (amount >= 100),
  currency text not null default 'INR' check (currency = 'INR'),
  state text not null default 'PENDING' check (state in ('PENDING', 'COMPLETED', 'FAILED')),
  provider_order_id text,
  provider_transaction_id text,
  checkout_url text,
  expire_at timestamptz,
  error_code text,
  last_payload jsonb,
  -- Set in the same transaction that extends the subscription: the payment is applied exactly once.
  applied_at timestamptz,
  refunded_amount integer not null default 0 check (refunded_amount >= 0 and refunded_amount <= amount),
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index payment_transactions_workspace_idx on public.payment_transactions (workspace_id, created_at desc);
create index payment_transactions_pending_idx on public.payment_transactions (created_at) where state = 'PENDING';
create trigger payment_transactions_updated_at before update on public.payment_transactions
  for each row execute function public.set_updated_at();

-- The state machine, enforced by the database whatever the code does.
create or replace function public.payment_state_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  if old.state <> 'PENDING' and new.state <> old.state then
    raise exception 'payment % is % and cannot become %', old.merchant_order_id, old.state, new.state using errcode = 'check_violation';
  end if;
  if new.amount <> old.amount then
    raise exception 'payment amounts never change' using errcode = 'check_violation';
  end if;
  return new;
end $$;
create trigger payment_transactions_state_guard before update on public.payment_transactions
  for each row execute function public.payment_state_guard();

create table public.webhook_events (
  id bigint generated always as identity primary key,
  dedupe_key text not null unique,
  event text not null,
  merchant_order_id text,
  state text,
  payload jsonb not null,
  outcome text,
  received_at timestamptz not null default now()
);
create index webhook_events_order_idx on public.webhook_events (merchant_order_id);

create table public.refunds (
  merchant_refund_id text primary key check (merchant_refund_id ~ '^[A-Za-z0-9_-]{1,63}$'),
  merchant_order_id text not null references public.payment_transactions (merchant_order_id) on delete cascade,
  amount integer not null check (amount >= 100),
  state text not null default 'PENDING' check (state in ('PENDING', 'COMPLETED', 'FAILED')),
  provider_refund_id text,
  requested_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create trigger refunds_updated_at before update on public.refunds for each row execute function public.set_updated_at();

alter table public.payment_transactions enable row level security;
alter table public.webhook_events enable row level security;
alter table public.refunds enable row level security;
revoke all on public.payment_transactions, public.webhook_events, public.refunds from anon, authenticated;
grant select on public.payment_transactions, public.refunds to authenticated;
grant all on public.payment_transactions, public.webhook_events, public.refunds to service_role;

create policy payment_transactions_select on public.payment_transactions for select to authenticated
  using (public.is_workspace_member(workspace_id));
create policy refunds_select on public.refunds for select to authenticated
  using (exists (select 1 from public.payment_transactions t where t.merchant_order_id = refunds.merchant_order_id and public.is_workspace_member(t.workspace_id)));
