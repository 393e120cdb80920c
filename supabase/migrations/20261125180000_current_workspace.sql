-- The one rule for "the user's current workspace": their chosen one while still a member, else their own,
-- else the oldest membership. Every feature scopes its queries with it.
create or replace function public.current_workspace_id(p_user uuid) returns uuid
language sql stable set search_path = '' as $$
  select m.workspace_id
  from public.workspace_members m
  join public.users u on u.id = m.user_id
  where m.user_id = p_user
  order by coalesce(m.workspace_id = u.current_workspace_id, false) desc, m.role = 'owner' desc, m.created_at
  limit 1
$$;
grant execute on function public.current_workspace_id(uuid) to authenticated, service_role;
