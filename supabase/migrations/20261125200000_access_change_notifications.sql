-- Tells API instances that what decides a user's access or a workspace's BCM changed, so their in-memory copies
-- (libs/api/platform ReadCache) are dropped at once. Payload: {"w": workspace id, "u": user id}, either may be null.
-- Row triggers, so cascaded deletes (a deleted account or workspace) notify too; Postgres folds identical payloads
-- of one transaction into one notification, delivered at commit.
create or replace function public.notify_access_change() returns trigger
language plpgsql set search_path = '' as $$
declare
  r jsonb := to_jsonb(coalesce(new, old));
begin
  perform pg_notify('rf_access_change', jsonb_build_object('w', r ->> tg_argv[0], 'u', r ->> tg_argv[1])::text);
  return null;
end
$$;

create trigger notify_access_change after insert or update or delete on public.users
  for each row execute function public.notify_access_change('none', 'id');
create trigger notify_access_change after insert or update or delete on public.workspaces
  for each row execute function public.notify_access_change('id', 'none');
create trigger notify_access_change after insert or update or delete on public.workspace_members
  for each row execute function public.notify_access_change('workspace_id', 'user_id');
create trigger notify_access_change after insert or update or delete on public.subscriptions
  for each row execute function public.notify_access_change('workspace_id', 'none');
create trigger notify_access_change after insert or update or delete on public.business_contexts
  for each row execute function public.notify_access_change('workspace_id', 'none');
create trigger notify_access_change after insert or update or delete on public.bcm_state
  for each row execute function public.notify_access_change('workspace_id', 'none');
create trigger notify_access_change after insert or update or delete on public.bcm_manifests
  for each row execute function public.notify_access_change('workspace_id', 'none');
