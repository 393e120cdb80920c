-- Trials and renewal reminders (issue #16, items 1 and 2).
-- A workspace gets at most one trial, ever: one row per workspace, written in the transaction that starts the
-- trial, and never changed or removed (only the workspace's own deletion takes it along).
create table public.workspace_trials (
  workspace_id uuid primary key references public.workspaces (id) on delete cascade,
  plan_id text not null check (plan_id in ('starter', 'growth', 'pro')),
  started_by uuid references public.users (id) on delete set null,
  started_at timestamptz not null default now(),
  ends_at timestamptz not null,
  check (ends_at > started_at)
);

-- workspaces.trial_used (identity migration) follows the trial row, so it can never say "unused" again.
create or replace function public.workspace_trials_mark_used() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.workspaces set trial_used = true where id = new.workspace_id;
  return new;
end $$;
create trigger workspace_trials_mark_used after insert on public.workspace_trials
  for each row execute function public.workspace_trials_mark_used();

create or replace function public.workspace_trials_keep_used() returns trigger
language plpgsql set search_path = '' as $$
begin
  if old.trial_used and not new.trial_used then
    raise exception 'workspaces.trial_used cannot be reset: a workspace gets one trial' using errcode = 'check_violation';
  end if;
  return new;
end $$;
create trigger workspaces_keep_trial_used before update of trial_used on public.workspaces
  for each row execute function public.workspace_trials_keep_used();

alter table public.workspace_trials enable row level security;
revoke all on public.workspace_trials from public, anon, authenticated, service_role;
grant select, insert on public.workspace_trials to service_role;
grant select on public.workspace_trials to authenticated;
create policy workspace_trials_service on public.workspace_trials for all to service_role using (true) with check (true);
create policy workspace_trials_select on public.workspace_trials for select to authenticated
  using (public.is_workspace_member(workspace_id));

-- Every reminder mail sent, once per subscription period: the sweep inserts the row and the outbox mail in one
-- transaction, so a second sweep, a restarted worker or a duplicated schedule finds the row and sends nothing.
create table public.subscription_reminders (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  kind text not null check (kind in ('trial_ending', 'renewal_7', 'renewal_3', 'renewal_1')),
  -- The period end the reminder was about: a renewal moves it, and the next period gets its own reminders.
  period_end timestamptz not null,
  sent_at timestamptz not null default now(),
  primary key (workspace_id, kind, period_end)
);

alter table public.subscription_reminders enable row level security;
revoke all on public.subscription_reminders from public, anon, authenticated, service_role;
grant select, insert on public.subscription_reminders to service_role;
create policy subscription_reminders_service on public.subscription_reminders for all to service_role using (true) with check (true);

-- The sweep's search: subscriptions whose period ends soon.
create index subscriptions_period_end_idx on public.subscriptions (current_period_end) where status in ('active', 'trialing');
