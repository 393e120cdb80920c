-- Identity: profiles, workspaces, members and invitations, created by a trigger on auth.users.

-- UCIDs: RF-YYYY-NNNN, a sequence per year of sign-up, never reused.
create table public.ucid_counters (
  year int primary key,
  last_value int not null
);
alter table public.ucid_counters enable row level security;
revoke all on public.ucid_counters from anon, authenticated;

create or replace function public.next_ucid(p_year int) returns text
language sql security definer set search_path = '' as $$
  insert into public.ucid_counters as c (year, last_value) values (p_year, 1)
  on conflict (year) do update set last_value = c.last_value + 1
  returning 'RF-' || p_year || '-' || lpad(last_value::text, 4, '0')
$$;
revoke execute on function public.next_ucid(int) from public, anon, authenticated;

create table public.users (
  id uuid primary key references auth.users (id) on delete cascade,
  email text not null,
  full_name text check (char_length(full_name) <= 120),
  ucid text not null unique check (ucid ~ '^RF-[0-9]{4}-[0-9]{4,}$'),
  current_workspace_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.workspaces (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(btrim(name)) between 1 and 80),
  owner_id uuid not null references public.users (id) on delete cascade,
  -- The workspace's business is what gets onboarded, so a member joining later does not onboard again.
  onboarding_status text not null default 'not_started' check (onboarding_status in ('not_started', 'in_progress', 'completed')),
  trial_used boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index workspaces_owner_idx on public.workspaces (owner_id);

alter table public.users
  add constraint users_current_workspace_fk foreign key (current_workspace_id) references public.workspaces (id) on delete set null;

create table public.workspace_members (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  user_id uuid not null references public.users (id) on delete cascade,
  role text not null check (role in ('owner', 'admin', 'member')),
  created_at timestamptz not null default now(),
  primary key (workspace_id, user_id)
);
create unique index workspace_members_one_owner on public.workspace_members (workspace_id) where role = 'owner';
create index workspace_members_user_idx on public.workspace_members (user_id);

create table public.workspace_invitations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  email text not null check (email = lower(email) and char_length(email) <= 254),
  role text not null check (role in ('admin', 'member')),
  invited_by uuid references public.users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (workspace_id, email)
);

create trigger users_updated_at before update on public.users for each row execute function public.set_updated_at();
create trigger workspaces_updated_at before update on public.workspaces for each row execute function public.set_updated_at();

-- Membership helpers for policies: security definer so policies on workspace_members do not recurse.
create or replace function public.workspace_role(p_workspace uuid) returns text
language sql stable security definer set search_path = '' as $$
  select role from public.workspace_members where workspace_id = p_workspace and user_id = (select auth.uid())
$$;
create or replace function public.is_workspace_member(p_workspace uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.workspace_members where workspace_id = p_workspace and user_id = (select auth.uid()))
$$;
create or replace function public.shares_workspace_with(p_user uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.workspace_members mine
    join public.workspace_members theirs on theirs.workspace_id = mine.workspace_id
    where mine.user_id = (select auth.uid()) and theirs.user_id = p_user
  )
$$;
grant execute on function public.workspace_role(uuid), public.is_workspace_member(uuid), public.shares_workspace_with(uuid) to authenticated;

-- Creates whatever is missing of a user's profile, personal workspace and owner membership, and accepts
-- pending invitations. Idempotent and safe under concurrent calls (per-user advisory lock).
create or replace function public.ensure_profile(p_user uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_auth auth.users%rowtype;
  v_workspace uuid;
  v_name text;
begin
  select * into v_auth from auth.users where id = p_user;
  if not found then
    raise exception 'auth user % does not exist', p_user using errcode = 'P0002';
  end if;
  perform pg_advisory_xact_lock(hashtextextended('ensure_profile:' || p_user::text, 0));

  v_name := nullif(btrim(coalesce(v_auth.raw_user_meta_data ->> 'full_name', v_auth.raw_user_meta_data ->> 'name', '')), '');
  -- Checked under the lock, so a UCID is drawn only for a profile that is really created.
  if not exists (select 1 from public.users where id = p_user) then
    insert into public.users (id, email, full_name, ucid, created_at)
    values (
      p_user, lower(v_auth.email), left(v_name, 120),
      public.next_ucid(extract(year from coalesce(v_auth.created_at, now()))::int),
      coalesce(v_auth.created_at, now())
    );
  end if;

  select id into v_workspace from public.workspaces where owner_id = p_user order by created_at limit 1;
  if v_workspace is null then
    insert into public.workspaces (name, owner_id)
    values (coalesce(v_name, split_part(v_auth.email, '@', 1)) || '''s workspace', p_user)
    returning id into v_workspace;
  end if;
  insert into public.workspace_members (workspace_id, user_id, role) values (v_workspace, p_user, 'owner')
  on conflict (workspace_id, user_id) do nothing;

  -- Accepting an invitation takes the user into that team's workspace.
  with accepted as (
    insert into public.workspace_members (workspace_id, user_id, role)
    select i.workspace_id, p_user, i.role from public.workspace_invitations i where i.email = lower(v_auth.email)
    on conflict (workspace_id, user_id) do nothing
    returning workspace_id
  )
  select coalesce((select workspace_id from accepted limit 1), v_workspace) into v_workspace;
  delete from public.workspace_invitations where email = lower(v_auth.email);

  update public.users set current_workspace_id = v_workspace
  where id = p_user and (current_workspace_id is null or current_workspace_id <> v_workspace and exists (
    select 1 from public.workspace_members where workspace_id = v_workspace and user_id = p_user and role <> 'owner'));
end $$;
revoke execute on function public.ensure_profile(uuid) from public, anon, authenticated;
grant execute on function public.ensure_profile(uuid) to service_role;

create or replace function public.handle_new_auth_user() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform public.ensure_profile(new.id);
  return new;
end $$;
revoke execute on function public.handle_new_auth_user() from public, anon, authenticated;

create trigger on_auth_user_created after insert on auth.users
  for each row execute function public.handle_new_auth_user();

-- Row-level security: a user sees their own profile, co-members' profiles and their workspaces' rows.
alter table public.users enable row level security;
alter table public.workspaces enable row level security;
alter table public.workspace_members enable row level security;
alter table public.workspace_invitations enable row level security;

revoke all on public.users, public.workspaces, public.workspace_members, public.workspace_invitations from anon, authenticated;
grant select on public.users to authenticated;
grant update (full_name, current_workspace_id) on public.users to authenticated;
grant select on public.workspaces to authenticated;
grant update (name) on public.workspaces to authenticated;
grant select, insert, update (role), delete on public.workspace_members to authenticated;
grant select, insert, delete on public.workspace_invitations to authenticated;
grant all on public.users, public.workspaces, public.workspace_members, public.workspace_invitations, public.ucid_counters to service_role;

create policy users_select on public.users for select to authenticated
  using (id = (select auth.uid()) or public.shares_workspace_with(id));
create policy users_update on public.users for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()) and (current_workspace_id is null or public.is_workspace_member(current_workspace_id)));

create policy workspaces_select on public.workspaces for select to authenticated
  using (public.is_workspace_member(id));
create policy workspaces_update on public.workspaces for update to authenticated
  using (public.workspace_role(id) in ('owner', 'admin'))
  with check (public.workspace_role(id) in ('owner', 'admin'));

create policy members_select on public.workspace_members for select to authenticated
  using (public.is_workspace_member(workspace_id));
-- Owners and admins manage members; nobody changes or removes the owner row through the API.
create policy members_insert on public.workspace_members for insert to authenticated
  with check (public.workspace_role(workspace_id) in ('owner', 'admin') and role <> 'owner');
create policy members_update on public.workspace_members for update to authenticated
  using (public.workspace_role(workspace_id) in ('owner', 'admin') and role <> 'owner')
  with check (role <> 'owner');
create policy members_delete on public.workspace_members for delete to authenticated
  using (role <> 'owner' and (public.workspace_role(workspace_id) in ('owner', 'admin') or user_id = (select auth.uid())));

create policy invitations_select on public.workspace_invitations for select to authenticated
  using (public.workspace_role(workspace_id) in ('owner', 'admin'));
create policy invitations_insert on public.workspace_invitations for insert to authenticated
  with check (public.workspace_role(workspace_id) in ('owner', 'admin'));
create policy invitations_delete on public.workspace_invitations for delete to authenticated
  using (public.workspace_role(workspace_id) in ('owner', 'admin'));
