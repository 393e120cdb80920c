-- Invitations are accepted only by the invitee's own action: a signed-in user whose confirmed e-mail is the invited
-- address presents the invitation's secret token within 7 days, once. Signing up no longer joins anyone anywhere.

-- Only the token's SHA-256 is stored. Rows made without one (by SQL) get an unguessable value: revocable, never usable.
alter table public.workspace_invitations
  add column token_hash text not null default encode(extensions.gen_random_bytes(32), 'hex') unique,
  add column expires_at timestamptz not null default now() + interval '7 days';

-- Inviting an address again after its invitation expired renews that row (a new token and 7 more days).
grant update (role, invited_by, token_hash, expires_at) on public.workspace_invitations to authenticated;
create policy invitations_update on public.workspace_invitations for update to authenticated
  using (public.workspace_role(workspace_id) in ('owner', 'admin'))
  with check (public.workspace_role(workspace_id) in ('owner', 'admin'));

-- Joining takes the invitee's own acceptance (accept_invitation below): nobody, an owner included, inserts a
-- membership for someone else.
drop policy members_insert on public.workspace_members;
revoke insert on public.workspace_members from authenticated;

-- ensure_profile as before, without accepting invitations.
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

  -- A new user starts in their own workspace (accepting an invitation moves them to the team's).
  update public.users set current_workspace_id = v_workspace where id = p_user and current_workspace_id is null;
end $$;

-- Accepts the invitation whose token hashes to p_token_hash for the calling user (auth.uid()). Returns the workspace
-- joined, or raises with a hint the API maps to its error code: invitation_not_found, invitation_expired,
-- email_not_confirmed, invitation_email_mismatch, already_member; the seat-limit trigger may refuse too.
create or replace function public.accept_invitation(p_token_hash text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_user uuid := auth.uid();
  v_invitation public.workspace_invitations%rowtype;
  v_auth auth.users%rowtype;
begin
  select * into v_invitation from public.workspace_invitations where token_hash = p_token_hash for update;
  if not found then
    raise exception 'no such invitation' using errcode = 'P0001', hint = 'invitation_not_found';
  end if;
  if v_invitation.expires_at <= now() then
    raise exception 'invitation expired' using errcode = 'P0001', hint = 'invitation_expired';
  end if;
  select * into v_auth from auth.users where id = v_user and deleted_at is null;
  if not found or v_auth.email_confirmed_at is null then
    raise exception 'e-mail not confirmed' using errcode = 'P0001', hint = 'email_not_confirmed';
  end if;
  if lower(v_auth.email) <> v_invitation.email then
    raise exception 'invitation is for another address' using errcode = 'P0001', hint = 'invitation_email_mismatch';
  end if;
  if exists (select 1 from public.workspace_members where workspace_id = v_invitation.workspace_id and user_id = v_user) then
    raise exception 'already a member' using errcode = 'P0001', hint = 'already_member';
  end if;

  insert into public.workspace_members (workspace_id, user_id, role) values (v_invitation.workspace_id, v_user, v_invitation.role);
  delete from public.workspace_invitations where id = v_invitation.id;
  update public.users set current_workspace_id = v_invitation.workspace_id where id = v_user;
  return v_invitation.workspace_id;
end $$;
revoke execute on function public.accept_invitation(text) from public, anon;
grant execute on function public.accept_invitation(text) to authenticated;
