-- An audit trail nobody can rewrite (issue #18): every operator action and every owner's billing, membership
-- and account change. Rows are only ever inserted: UPDATE, DELETE and TRUNCATE are revoked from every role
-- and a trigger refuses them even for the table owner or a superuser.
create table public.audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  -- Who acted: a user id (null when the actor's account was later deleted or for system work) and how.
  actor_id uuid,
  actor_email text,
  actor_kind text not null check (actor_kind in ('operator', 'owner', 'member', 'system')),
  action text not null check (action ~ '^[a-z_]+\.[a-z_]+$'),
  -- No foreign key: the trail outlives the workspace it describes.
  workspace_id uuid,
  target text,
  before jsonb,
  after jsonb,
  reason text check (reason is null or length(reason) between 1 and 1000),
  request_id text
);
create index audit_log_workspace_idx on public.audit_log (workspace_id, at desc);
create index audit_log_at_idx on public.audit_log (at desc);

create or replace function public.audit_log_append_only() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger audit_log_no_update before update or delete on public.audit_log
  for each row execute function public.audit_log_append_only();
create trigger audit_log_no_truncate before truncate on public.audit_log
  for each statement execute function public.audit_log_append_only();

alter table public.audit_log enable row level security;
revoke all on public.audit_log from public, anon, authenticated, service_role;
-- The API writes through the service path; owners read their own workspaces' entries.
grant select, insert on public.audit_log to service_role;
grant select on public.audit_log to authenticated;
create policy audit_log_service on public.audit_log for all to service_role using (true) with check (true);
create policy audit_log_owner_select on public.audit_log for select to authenticated
  using (workspace_id is not null and (select public.workspace_role(workspace_id)) = 'owner');
