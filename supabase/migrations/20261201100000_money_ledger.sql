-- Money that cannot be lost, doubled or forged (issue #12): a transactional outbox, operators as a table,
-- refunds with their own state machine and a refunded total that SQL keeps at or below what was captured.

-- What must follow a ledger change (emails, follow-up checks) is written here in the same transaction and
-- delivered to BullMQ by the worker's relay; `job_id` is the message's idempotency key.
create table public.outbox (
  id bigint generated always as identity primary key,
  queue text not null,
  job_name text not null,
  job_id text not null unique check (job_id ~ '^[A-Za-z0-9_-]{1,200}$'),
  data jsonb not null,
  opts jsonb not null default '{}'::jsonb,
  attempts integer not null default 0,
  available_at timestamptz not null default now(),
  delivered_at timestamptz,
  last_error text,
  created_at timestamptz not null default now()
);
create index outbox_due_idx on public.outbox (available_at, id) where delivered_at is null;

-- People allowed to act as RaptorFlow operators (refunds and every operator action). Granted by a migration
-- or `npx tsx tools/operator.ts grant <email>`, never by an environment variable.
create table public.operators (
  user_id uuid primary key references public.users (id) on delete cascade,
  granted_by text not null,
  granted_at timestamptz not null default now()
);

-- What PhonePe confirmed it captured (null until a status call said COMPLETED), which period a payment
-- paid for, and how many status checks were made (deterministic reconcile job ids).
alter table public.payment_transactions
  add column captured_amount integer check (captured_amount >= 100),
  add column covers_from timestamptz,
  add column covers_until timestamptz,
  add column status_checks integer not null default 0;
update public.payment_transactions set captured_amount = amount where state = 'COMPLETED';
-- A late capture can be for another amount than asked: refunds are bounded by what was captured.
alter table public.payment_transactions drop constraint payment_transactions_check;
alter table public.payment_transactions add constraint payment_transactions_refunded_check
  check (refunded_amount >= 0 and refunded_amount <= coalesce(captured_amount, 0));

alter table public.refunds
  add column reason text not null default 'operator' check (reason in ('operator', 'late_capture')),
  add column error_code text,
  add column completed_at timestamptz,
  add column status_checks integer not null default 0;
-- A late capture is refunded exactly once.
create unique index refunds_one_late_capture on public.refunds (merchant_order_id) where reason = 'late_capture';
create index refunds_pending_idx on public.refunds (created_at) where state = 'PENDING';

create or replace function public.refund_state_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  if old.state <> 'PENDING' and new.state <> old.state then
    raise exception 'refund % is % and cannot become %', old.merchant_refund_id, old.state, new.state using errcode = 'check_violation';
  end if;
  if new.amount <> old.amount or new.merchant_order_id <> old.merchant_order_id then
    raise exception 'refund amounts never change' using errcode = 'check_violation';
  end if;
  return new;
end $$;
create trigger refunds_state_guard before update on public.refunds
  for each row execute function public.refund_state_guard();

-- Reserved (PENDING) plus COMPLETED refunds never exceed what was captured, and refunded_amount is the sum
-- of COMPLETED refunds, whatever the code does. The payment row lock serialises concurrent refunds.
create or replace function public.refund_total_guard() returns trigger
language plpgsql set search_path = '' as $$
declare
  paid integer;
  reserved bigint;
begin
  select captured_amount into paid from public.payment_transactions where merchant_order_id = new.merchant_order_id for update;
  select coalesce(sum(amount), 0) into reserved from public.refunds where merchant_order_id = new.merchant_order_id and state <> 'FAILED';
  if paid is null or reserved > paid then
    raise exception 'refunds of % would exceed what was captured', new.merchant_order_id using errcode = 'check_violation';
  end if;
  update public.payment_transactions
     set refunded_amount = (select coalesce(sum(amount), 0) from public.refunds where merchant_order_id = new.merchant_order_id and state = 'COMPLETED')
   where merchant_order_id = new.merchant_order_id;
  return null;
end $$;
create trigger refunds_total_guard after insert or update on public.refunds
  for each row execute function public.refund_total_guard();

alter table public.outbox enable row level security;
alter table public.operators enable row level security;
revoke all on public.outbox, public.operators from anon, authenticated;
grant all on public.outbox, public.operators to service_role;
