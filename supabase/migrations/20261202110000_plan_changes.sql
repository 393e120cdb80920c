-- Plan changes while a paid term runs (issue #16 item 4). An upgrade is paid for now by a prorated payment with
-- purpose 'upgrade' and switches the plan when that payment settles; a downgrade or a switch of period is a
-- scheduled change, applied at the period end. The database holds what matters: one pending scheduled change
-- per workspace, a change never flips back once resolved, and a scheduled downgrade's seats are a limit at once.

alter table public.payment_transactions
  add column purpose text not null default 'subscription' check (purpose in ('subscription', 'upgrade'));
grant select (purpose) on public.payment_transactions to authenticated;

create table public.subscription_changes (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  kind text not null check (kind in ('upgrade', 'scheduled')),
  from_plan_id text not null check (from_plan_id in ('starter', 'growth', 'pro')),
  from_period text not null check (from_period in ('month', 'year')),
  to_plan_id text not null check (to_plan_id in ('starter', 'growth', 'pro')),
  to_period text not null check (to_period in ('month', 'year')),
  -- The subscription's period end the change was quoted against: a scheduled change takes effect then, an
  -- upgrade applies only while the subscription still ends then.
  period_end timestamptz not null,
  -- The prorated paise owed for an upgrade; 0 when it rounded below PhonePe's minimum (switched free).
  amount integer not null default 0 check (amount >= 0),
  merchant_order_id text unique references public.payment_transactions (merchant_order_id),
  status text not null default 'pending' check (status in ('pending', 'applied', 'cancelled')),
  requested_by uuid references public.users (id) on delete set null,
  resolved_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((from_plan_id, from_period) is distinct from (to_plan_id, to_period)),
  check (kind = 'upgrade' or (amount = 0 and merchant_order_id is null)),
  check (merchant_order_id is null or amount >= 100),
  check ((status = 'pending') = (resolved_at is null))
);
create unique index subscription_changes_one_scheduled on public.subscription_changes (workspace_id)
  where kind = 'scheduled' and status = 'pending';
create index subscription_changes_due on public.subscription_changes (period_end)
  where kind = 'scheduled' and status = 'pending';
create index subscription_changes_workspace on public.subscription_changes (workspace_id, created_at desc);
create trigger subscription_changes_updated_at before update on public.subscription_changes
  for each row execute function public.set_updated_at();

create or replace function public.subscription_change_guard() returns trigger
language plpgsql set search_path = '' as $$
declare
  v_members int;
  v_seats int;
begin
  if tg_op = 'UPDATE' then
    if old.status <> 'pending' and new.status <> old.status then
      raise exception 'plan change % is % and cannot become %', old.id, old.status, new.status using errcode = 'check_violation';
    end if;
    if (new.kind, new.from_plan_id, new.from_period, new.to_plan_id, new.to_period, new.amount, new.period_end, new.workspace_id)
       is distinct from (old.kind, old.from_plan_id, old.from_period, old.to_plan_id, old.to_period, old.amount, old.period_end, old.workspace_id) then
      raise exception 'a plan change is never rewritten; cancel it and ask again' using errcode = 'check_violation';
    end if;
    return new;
  end if;
  -- Nobody schedules a plan with fewer seats than the workspace has members (the seat trigger's lock, so a join
  -- cannot slip in between).
  perform pg_advisory_xact_lock(hashtextextended('workspace-seats:' || new.workspace_id::text, 0));
  select count(*) into v_members from public.workspace_members where workspace_id = new.workspace_id;
  v_seats := public.plan_seats(new.to_plan_id);
  if v_members > v_seats then
    raise exception 'workspace % has % members and plan % has % seat(s)', new.workspace_id, v_members, new.to_plan_id, v_seats
      using errcode = 'check_violation', constraint = 'subscription_changes_seat_limit';
  end if;
  return new;
end $$;
revoke execute on function public.subscription_change_guard() from public, anon, authenticated;
create trigger subscription_changes_guard before insert or update on public.subscription_changes
  for each row execute function public.subscription_change_guard();

-- A scheduled downgrade's seats count from the moment it is scheduled: nobody joins into a seat that goes away
-- at the period end.
create or replace function public.workspace_seats(p_workspace uuid) returns int
language sql stable security definer set search_path = '' as $$
  select least(
    public.plan_seats((select plan_id from public.subscriptions where workspace_id = p_workspace)),
    coalesce((select public.plan_seats(to_plan_id) from public.subscription_changes
              where workspace_id = p_workspace and kind = 'scheduled' and status = 'pending'), 2147483647))
$$;
revoke execute on function public.workspace_seats(uuid) from public, anon, authenticated;

alter table public.subscription_changes enable row level security;
revoke all on public.subscription_changes from anon, authenticated;
grant select on public.subscription_changes to authenticated;
grant all on public.subscription_changes to service_role;
create policy subscription_changes_select on public.subscription_changes for select to authenticated
  using (public.is_workspace_member(workspace_id));
