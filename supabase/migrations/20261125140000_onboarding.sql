-- Onboarding: the Postgres checkpoint of each workspace's draft (Redis holds the hot copy) and the
-- finalized, versioned business_context the BCM is built from.

-- Draft revisions come from one sequence, so they keep increasing across a draft's deletion and re-creation
-- and a leftover Redis copy can never look newer than Postgres.
create sequence public.onboarding_draft_revision_seq;

-- One draft per workspace. Every save writes here before Redis, so losing Redis never loses answers.
create table public.onboarding_drafts (
  workspace_id uuid primary key references public.workspaces (id) on delete cascade,
  answers jsonb not null default '{}' check (jsonb_typeof(answers) = 'object'),
  completed_steps text[] not null default '{}',
  current_step text not null default 'company',
  -- Bumped on every save; the Redis copy carries it, so a stale cached draft is never served.
  revision bigint not null default nextval('public.onboarding_draft_revision_seq'),
  updated_by uuid references public.users (id) on delete set null,
  -- Set by the application on every save (no trigger), so the cleanup job and its tests can rely on it.
  updated_at timestamptz not null default now()
);
-- The cleanup job deletes drafts abandoned for 30 days.
create index onboarding_drafts_updated_at_idx on public.onboarding_drafts (updated_at);

-- Finalized answers, version N+1 per finalize. Append-only: nobody updates or deletes a version.
create table public.business_contexts (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  version int not null check (version > 0),
  data jsonb not null check (jsonb_typeof(data) = 'object'),
  schema_version int not null check (schema_version > 0),
  created_by uuid references public.users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (workspace_id, version)
);

-- The first saved draft moves a workspace from not_started to in_progress (never back from completed).
create or replace function public.onboarding_draft_started() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.workspaces set onboarding_status = 'in_progress'
  where id = new.workspace_id and onboarding_status = 'not_started';
  return new;
end $$;
revoke execute on function public.onboarding_draft_started() from public, anon, authenticated;

create trigger onboarding_drafts_started after insert on public.onboarding_drafts
  for each row execute function public.onboarding_draft_started();

-- Row-level security.
-- Drafts: every member reads the workspace's draft; only owners and admins write it (members may watch
-- progress but not answer). Nobody deletes a draft through the API: finalize and the cleanup job run as
-- the service role.
-- Contexts: members read; only the service role inserts (finalize checks the caller's role, then inserts the
-- version and completes onboarding in one service transaction), so no user can write any workspace's context.
alter table public.onboarding_drafts enable row level security;
alter table public.business_contexts enable row level security;

revoke all on public.onboarding_drafts, public.business_contexts from anon, authenticated;
grant select, insert on public.onboarding_drafts to authenticated;
grant update (answers, completed_steps, current_step, revision, updated_by, updated_at) on public.onboarding_drafts to authenticated;
grant select on public.business_contexts to authenticated;
grant usage on sequence public.onboarding_draft_revision_seq to authenticated;
grant all on public.onboarding_drafts, public.business_contexts to service_role;
grant all on sequence public.onboarding_draft_revision_seq to service_role;

create policy onboarding_drafts_select on public.onboarding_drafts for select to authenticated
  using (public.is_workspace_member(workspace_id));
create policy onboarding_drafts_insert on public.onboarding_drafts for insert to authenticated
  with check (public.workspace_role(workspace_id) in ('owner', 'admin') and updated_by = (select auth.uid()));
create policy onboarding_drafts_update on public.onboarding_drafts for update to authenticated
  using (public.workspace_role(workspace_id) in ('owner', 'admin'))
  with check (public.workspace_role(workspace_id) in ('owner', 'admin') and updated_by = (select auth.uid()));

create policy business_contexts_select on public.business_contexts for select to authenticated
  using (public.is_workspace_member(workspace_id));
