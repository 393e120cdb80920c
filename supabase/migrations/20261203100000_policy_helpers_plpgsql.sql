-- The helpers every row-level security policy and every scoped read calls, rewritten in PL/pgSQL with the same
-- meaning (issue #20). Postgres plans the body of a SQL function that it cannot inline (these are security definer,
-- or order and limit) again on every call, so each call cost 40-150 us and a policy pays it per row; a PL/pgSQL
-- function keeps its plan for the session. Measured with pgbench on the scale fixture: a user's membership read
-- (begin, claims, the read, commit) went from 3,600 to 6,900 transactions per second.

create or replace function public.workspace_role(p_workspace uuid) returns text
language plpgsql stable security definer set search_path = '' as $$
begin
  return (select role from public.workspace_members where workspace_id = p_workspace and user_id = (select auth.uid()));
end $$;

create or replace function public.is_workspace_member(p_workspace uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (select 1 from public.workspace_members where workspace_id = p_workspace and user_id = (select auth.uid()));
end $$;

create or replace function public.shares_workspace_with(p_user uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select 1 from public.workspace_members mine
    join public.workspace_members theirs on theirs.workspace_id = mine.workspace_id
    where mine.user_id = (select auth.uid()) and theirs.user_id = p_user
  );
end $$;

-- The one rule for "the user's current workspace" (20261125180000_current_workspace.sql), unchanged.
create or replace function public.current_workspace_id(p_user uuid) returns uuid
language plpgsql stable set search_path = '' as $$
begin
  return (
    select m.workspace_id
    from public.workspace_members m
    join public.users u on u.id = m.user_id
    where m.user_id = p_user
    order by coalesce(m.workspace_id = u.current_workspace_id, false) desc, m.role = 'owner' desc, m.created_at
    limit 1
  );
end $$;
