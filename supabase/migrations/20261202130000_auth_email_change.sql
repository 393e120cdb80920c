-- A confirmed e-mail change (GoTrue's /verify type=email_change sets auth.users.email) reaches the profile, so the
-- API, Settings and account deletion's "type your email" see the new address. public.users' own trigger then tells
-- every API instance (notify_access_change). Pending changes (auth.users.email_change) are not copied.
create or replace function public.handle_auth_email_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.users set email = lower(new.email) where id = new.id and email is distinct from lower(new.email);
  return new;
end $$;
revoke execute on function public.handle_auth_email_change() from public, anon, authenticated;

create trigger on_auth_user_email_changed after update of email on auth.users
  for each row when (new.email is distinct from old.email and new.email is not null)
  execute function public.handle_auth_email_change();
