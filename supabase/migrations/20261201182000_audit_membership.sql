-- Owners' and admins' membership changes and account deletions land in the audit trail from the database itself,
-- in the same transaction as the change and whatever code path made it (issue #18). The actor is the signed-in
-- user of the transaction (auth.uid()); service work without claims is 'system'.
create or replace function public.audit_membership_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_actor uuid := (select auth.uid());
  v_row record;
  v_ws uuid;
  v_owner uuid;
  v_action text;
  v_target text;
  v_before jsonb;
  v_after jsonb;
begin
  if tg_op = 'DELETE' then v_row := old; else v_row := new; end if;
  v_ws := v_row.workspace_id;
  select owner_id into v_owner from public.workspaces where id = v_ws;
  -- The workspace is being deleted (account deletion cascades): the account.delete row says it all.
  if v_owner is null then return null; end if;
  if tg_table_name = 'workspace_members' then
    v_target := v_row.user_id::text;
    if tg_op = 'INSERT' then
      if new.user_id = v_owner then return null; end if;
      v_action := 'member.join'; v_after := jsonb_build_object('role', new.role);
    elsif tg_op = 'UPDATE' then
      if new.role = old.role then return null; end if;
      v_action := 'member.role_change'; v_before := jsonb_build_object('role', old.role); v_after := jsonb_build_object('role', new.role);
    else
      v_action := 'member.remove'; v_before := jsonb_build_object('role', old.role);
    end if;
  else
    v_target := v_row.email;
    if tg_op = 'INSERT' then
      v_action := 'invitation.create'; v_after := jsonb_build_object('email', new.email, 'role', new.role);
    else
      v_action := 'invitation.delete'; v_before := jsonb_build_object('email', old.email, 'role', old.role);
    end if;
  end if;
  insert into public.audit_log (actor_id, actor_email, actor_kind, action, workspace_id, target, before, after)
  values (
    v_actor,
    (select email from public.users where id = v_actor),
    case when v_actor is null then 'system' when v_actor = v_owner then 'owner' else 'member' end,
    v_action, v_ws, v_target, v_before, v_after
  );
  return null;
end $$;
revoke execute on function public.audit_membership_change() from public, anon, authenticated;

create trigger workspace_members_audit after insert or update or delete on public.workspace_members
  for each row execute function public.audit_membership_change();
create trigger workspace_invitations_audit after insert or delete on public.workspace_invitations
  for each row execute function public.audit_membership_change();

create or replace function public.audit_account_deletion() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.audit_log (actor_id, actor_email, actor_kind, action, target, before)
  values (old.id, old.email, 'owner', 'account.delete', old.id::text, jsonb_build_object('ucid', old.ucid, 'email', old.email));
  return null;
end $$;
revoke execute on function public.audit_account_deletion() from public, anon, authenticated;
create trigger users_audit_deletion after delete on public.users
  for each row execute function public.audit_account_deletion();
