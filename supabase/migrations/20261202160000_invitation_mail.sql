-- Invitations that arrive (issue #15): every invitation a user makes owes its e-mail, written to the outbox in the same
-- transaction. The mail carries the only plaintext copy of the token, so the API renders it and this function checks
-- that it is the mail of this invitation (its address, its current token) before the outbox takes it.

alter table public.workspace_invitations
  add column sent_count integer not null default 0,
  add column last_sent_at timestamptz;

-- The outbox job id of the mail for one token of one invitation.
create or replace function public.invitation_mail_job_id(p_invitation uuid, p_token_hash text) returns text
language sql immutable set search_path = '' as $$
  -- emailJobId('invitation/<id>/<hash prefix>') in libs/api/email email.jobs.ts.
  select 'email-invitation_' || p_invitation::text || '_' || left(p_token_hash, 16)
$$;

-- Owes the invitation's mail: p_job is the outbox message the API built (emailMessage in libs/api/email). Raises with a
-- hint the API maps: invitation_not_found, role_required, invitation_mail_mismatch, invitation_resend_too_soon (the one
-- spacing rule: a mail for the same invitation at most once a minute).
create or replace function public.owe_invitation_mail(p_invitation uuid, p_token text, p_job jsonb) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_invitation public.workspace_invitations%rowtype;
  v_job_id text;
begin
  select * into v_invitation from public.workspace_invitations where id = p_invitation for update;
  if not found then
    raise exception 'no such invitation' using errcode = 'P0001', hint = 'invitation_not_found';
  end if;
  if coalesce(public.workspace_role(v_invitation.workspace_id), '') not in ('owner', 'admin') then
    raise exception 'only owners and admins send invitations' using errcode = 'P0001', hint = 'role_required';
  end if;
  v_job_id := public.invitation_mail_job_id(v_invitation.id, v_invitation.token_hash);
  if encode(extensions.digest(p_token, 'sha256'), 'hex') <> v_invitation.token_hash
     or p_job ->> 'queue' <> 'email'
     or p_job ->> 'jobId' <> v_job_id
     or p_job -> 'data' -> 'message' ->> 'to' <> v_invitation.email then
    raise exception 'not this invitation''s mail' using errcode = 'P0001', hint = 'invitation_mail_mismatch';
  end if;
  if v_invitation.last_sent_at > now() - interval '1 minute' then
    raise exception 'invitation mailed less than a minute ago' using errcode = 'P0001', hint = 'invitation_resend_too_soon';
  end if;

  insert into public.outbox (queue, job_name, job_id, data, opts)
  values ('email', p_job ->> 'name', v_job_id, p_job -> 'data', coalesce(p_job -> 'opts', '{}'::jsonb))
  on conflict (job_id) do nothing;
  update public.workspace_invitations set sent_count = sent_count + 1, last_sent_at = now() where id = v_invitation.id;
end $$;
revoke execute on function public.owe_invitation_mail(uuid, text, jsonb) from public, anon;
grant execute on function public.owe_invitation_mail(uuid, text, jsonb) to authenticated;

-- At commit, an invitation a user created (or renewed with a new token) must have its mail in the outbox. Service
-- work (tests, operators, SQL) may make invitations without one; those tokens were never shown to anyone.
create or replace function public.require_invitation_mail() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if current_setting('role', true) = 'authenticated'
     and exists (select 1 from public.workspace_invitations where id = new.id and token_hash = new.token_hash)
     and not exists (select 1 from public.outbox where job_id = public.invitation_mail_job_id(new.id, new.token_hash)) then
    raise exception 'invitation % has no mail in the outbox', new.id
      using errcode = 'check_violation', constraint = 'workspace_invitations_mail_owed';
  end if;
  return null;
end $$;
revoke execute on function public.require_invitation_mail() from public, anon, authenticated;

create constraint trigger workspace_invitations_mail_owed after insert or update of token_hash on public.workspace_invitations
  deferrable initially deferred for each row execute function public.require_invitation_mail();

-- A renewed token (resend) is set by the API under RLS: owners and admins already have update on token_hash and
-- expires_at (invitation_accept migration).
