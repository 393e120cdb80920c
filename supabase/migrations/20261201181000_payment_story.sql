-- A payment's story for operators (issue #18): every state change and status check of a payment or refund is
-- recorded by the database itself, whatever code path made it. Append-only like the audit trail.
create table public.payment_history (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  merchant_order_id text not null,
  merchant_refund_id text,
  kind text not null check (kind in ('created', 'state', 'status_check')),
  from_state text,
  to_state text,
  error_code text
);
create index payment_history_order_idx on public.payment_history (merchant_order_id, id);

create or replace function public.record_payment_history() returns trigger
language plpgsql set search_path = '' as $$
declare
  refund_id text := to_jsonb(new) ->> 'merchant_refund_id';
begin
  if tg_op = 'INSERT' then
    insert into public.payment_history (merchant_order_id, merchant_refund_id, kind, to_state)
      values (new.merchant_order_id, refund_id, 'created', new.state);
    return null;
  end if;
  if new.status_checks > old.status_checks then
    insert into public.payment_history (merchant_order_id, merchant_refund_id, kind, from_state, to_state)
      values (new.merchant_order_id, refund_id, 'status_check', old.state, new.state);
  end if;
  if new.state <> old.state then
    insert into public.payment_history (merchant_order_id, merchant_refund_id, kind, from_state, to_state, error_code)
      values (new.merchant_order_id, refund_id, 'state', old.state, new.state, new.error_code);
  end if;
  return null;
end $$;
create trigger payment_transactions_history after insert or update on public.payment_transactions
  for each row execute function public.record_payment_history();
create trigger refunds_history after insert or update on public.refunds
  for each row execute function public.record_payment_history();

create trigger payment_history_no_update before update or delete on public.payment_history
  for each row execute function public.audit_log_append_only();

alter table public.payment_history enable row level security;
revoke all on public.payment_history from public, anon, authenticated, service_role;
grant select, insert on public.payment_history to service_role;
