-- Weekly results the founder logs (issue #19): leads, sign-ups and revenue per ISO week, channel and campaign,
-- read on the Analytics page against the 90-day goal. Members read them; owners and admins (the workspace's
-- "writers" of business numbers, as for settings and rebuilds) log and correct them.

create table public.weekly_results (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  -- Monday of the ISO week.
  week date not null check (extract(isodow from week) = 1),
  -- A channel id of the onboarding catalog ('linkedin', 'seo', ...); the API checks it against the list.
  channel text not null check (channel ~ '^[a-z0-9_-]{1,40}$'),
  -- Null: results not tied to a campaign.
  campaign_id uuid,
  leads integer not null default 0 check (leads >= 0),
  signups integer not null default 0 check (signups >= 0),
  revenue_paise bigint not null default 0 check (revenue_paise >= 0),
  recorded_by uuid references public.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- One row per workspace, week, channel and campaign ("no campaign" counts once too).
  constraint weekly_results_unique unique nulls not distinct (workspace_id, week, channel, campaign_id),
  -- A campaign of the same workspace; a campaign with logged results is not deleted from under them.
  constraint weekly_results_campaign_fk foreign key (workspace_id, campaign_id)
    references public.campaigns (workspace_id, id) on delete restrict
);
create index weekly_results_campaign_idx on public.weekly_results (campaign_id) where campaign_id is not null;

create trigger weekly_results_updated_at before update on public.weekly_results for each row execute function public.set_updated_at();

alter table public.weekly_results enable row level security;

revoke all on public.weekly_results from anon, authenticated;
grant select, insert, delete on public.weekly_results to authenticated;
grant update (leads, signups, revenue_paise, recorded_by) on public.weekly_results to authenticated;
grant all on public.weekly_results to service_role;

create policy weekly_results_select on public.weekly_results for select to authenticated
  using (public.is_workspace_member(workspace_id));
create policy weekly_results_insert on public.weekly_results for insert to authenticated
  with check (public.workspace_role(workspace_id) in ('owner', 'admin') and recorded_by = (select auth.uid()));
create policy weekly_results_update on public.weekly_results for update to authenticated
  using (public.workspace_role(workspace_id) in ('owner', 'admin'))
  with check (public.workspace_role(workspace_id) in ('owner', 'admin') and recorded_by = (select auth.uid()));
create policy weekly_results_delete on public.weekly_results for delete to authenticated
  using (public.workspace_role(workspace_id) in ('owner', 'admin'));
