-- Seat limits held by the database itself (DESIGN.md decision 14): no insert into workspace_members, through the
-- API, the Data API or a direct connection, takes a workspace past its plan's seats.

-- The plan catalog's seats (libs/shared/contracts plans.ts; a database test keeps the two equal). A workspace without
-- a subscription has one seat, its owner's.
create or replace function public.plan_seats(p_plan text) returns int
language sql immutable set search_path = '' as $$
  select case p_plan when 'starter' then 1 when 'growth' then 5 when 'pro' then 20 else 1 end
$$;

create or replace function public.workspace_seats(p_workspace uuid) returns int
language sql stable security definer set search_path = '' as $$
  select public.plan_seats((select plan_id from public.subscriptions where workspace_id = p_workspace))
$$;
revoke execute on function public.workspace_seats(uuid) from public, anon, authenticated;

create or replace function public.enforce_seat_limit() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_seats int;
  v_taken int;
begin
  -- Serializes joins of one workspace, so two concurrent inserts cannot both take the last seat.
  perform pg_advisory_xact_lock(hashtextextended('workspace-seats:' || new.workspace_id::text, 0));
  -- A member already there (ensure_profile's idempotent owner insert) takes no new seat; the conflict decides.
  if exists (select 1 from public.workspace_members where workspace_id = new.workspace_id and user_id = new.user_id) then
    return new;
  end if;
  v_seats := public.workspace_seats(new.workspace_id);
  select count(*) into v_taken from public.workspace_members where workspace_id = new.workspace_id;
  if v_taken >= v_seats then
    raise exception 'workspace % has all % seat(s) taken', new.workspace_id, v_seats
      using errcode = 'check_violation', constraint = 'workspace_members_seat_limit';
  end if;
  return new;
end $$;
revoke execute on function public.enforce_seat_limit() from public, anon, authenticated;

create trigger workspace_members_seat_limit before insert or update of workspace_id on public.workspace_members
  for each row execute function public.enforce_seat_limit();
