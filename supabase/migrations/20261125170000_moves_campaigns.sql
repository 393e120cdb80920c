-- Moves and campaigns (domain.md "Moves, campaigns, analytics"): weekly marketing actions, generated from the
-- BCM or made by members, grouped into campaigns around one customer profile and a goal.

create table public.campaigns (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 120),
  -- A BCM profile id ('primary', 'secondary-1', ...); the API checks it against the latest manifest.
  icp_id text not null check (char_length(icp_id) between 1 and 40),
  goal text not null check (goal in ('awareness', 'leads', 'revenue', 'retention')),
  metric text not null check (char_length(btrim(metric)) between 1 and 80),
  target numeric(14, 2) not null check (target > 0),
  start_date date not null,
  end_date date not null,
  created_by uuid references public.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint campaigns_dates check (end_date >= start_date),
  -- Target of the moves' composite key, so a move links only to a campaign of its own workspace.
  unique (workspace_id, id)
);
create index campaigns_workspace_idx on public.campaigns (workspace_id, start_date);

create table public.moves (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  -- Monday of the move's week.
  week date not null check (extract(isodow from week) = 1),
  title text not null check (char_length(btrim(title)) between 1 and 160),
  icp_id text check (char_length(icp_id) between 1 and 40),
  channel text not null check (char_length(btrim(channel)) between 1 and 40),
  type text not null check (type in ('content', 'outreach', 'partnership', 'ads', 'community', 'product')),
  effort_hours numeric(4, 1) not null check (effort_hours > 0 and effort_hours <= 40),
  expected_outcome text check (char_length(expected_outcome) <= 300),
  status text not null default 'suggested' check (status in ('suggested', 'planned', 'done', 'dismissed')),
  source text not null check (source in ('generated', 'user')),
  -- Deterministic key of a generated suggestion (<icp>:<channel>:<type>); regeneration upserts on it.
  suggestion_key text check (char_length(suggestion_key) <= 120),
  -- Rank of a generated suggestion in its week (1 = best), so the list keeps the generator's order.
  suggestion_rank smallint check (suggestion_rank > 0),
  -- Set by any member edit: regeneration never overwrites such a move.
  edited_by_user boolean not null default false,
  campaign_id uuid,
  scheduled_for date,
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint moves_key_iff_generated check ((source = 'generated') = (suggestion_key is not null)),
  constraint moves_user_not_suggested check (source = 'generated' or status <> 'suggested'),
  constraint moves_completed_iff_done check ((status = 'done') = (completed_at is not null)),
  constraint moves_scheduled_in_week check (scheduled_for is null or scheduled_for between week and week + 6),
  -- Nulls are distinct, so user-made moves never collide.
  constraint moves_suggestion_unique unique (workspace_id, week, suggestion_key),
  constraint moves_campaign_fk foreign key (workspace_id, campaign_id)
    references public.campaigns (workspace_id, id) on delete set null (campaign_id)
);
create index moves_campaign_idx on public.moves (campaign_id) where campaign_id is not null;

create trigger campaigns_updated_at before update on public.campaigns for each row execute function public.set_updated_at();
create trigger moves_updated_at before update on public.moves for each row execute function public.set_updated_at();

-- Row-level security: every member of the workspace (owner, admin, member) reads and manages its moves and
-- campaigns; nobody else sees them. Ownership, origin and creation columns are not updatable.
alter table public.campaigns enable row level security;
alter table public.moves enable row level security;

revoke all on public.campaigns, public.moves from anon, authenticated;
grant select, insert, delete on public.campaigns, public.moves to authenticated;
grant update (name, icp_id, goal, metric, target, start_date, end_date) on public.campaigns to authenticated;
grant update (week, title, icp_id, channel, type, effort_hours, expected_outcome, status, suggestion_rank, edited_by_user, campaign_id, scheduled_for, completed_at)
  on public.moves to authenticated;
grant all on public.campaigns, public.moves to service_role;

create policy campaigns_select on public.campaigns for select to authenticated
  using (public.is_workspace_member(workspace_id));
create policy campaigns_insert on public.campaigns for insert to authenticated
  with check (public.is_workspace_member(workspace_id) and created_by = (select auth.uid()));
create policy campaigns_update on public.campaigns for update to authenticated
  using (public.is_workspace_member(workspace_id))
  with check (public.is_workspace_member(workspace_id));
create policy campaigns_delete on public.campaigns for delete to authenticated
  using (public.is_workspace_member(workspace_id));

create policy moves_select on public.moves for select to authenticated
  using (public.is_workspace_member(workspace_id));
create policy moves_insert on public.moves for insert to authenticated
  with check (public.is_workspace_member(workspace_id));
create policy moves_update on public.moves for update to authenticated
  using (public.is_workspace_member(workspace_id))
  with check (public.is_workspace_member(workspace_id));
-- Members delete their own moves; generated ones only while untouched (regeneration prunes stale suggestions).
create policy moves_delete on public.moves for delete to authenticated
  using (public.is_workspace_member(workspace_id) and (source = 'user' or (status = 'suggested' and not edited_by_user)));
