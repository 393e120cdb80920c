-- Session revocation reaches every API instance at once: a deleted GoTrue session (logout, "sign out everywhere",
-- a password change ending the other sessions, a deleted account) and a ban, deletion or new password of an auth user
-- notify rf_access_change with the user, which drops the instance's cached session checks of that user.
-- The auth schema is Supabase's: where a project does not let migrations add triggers there, the API's session
-- check still holds within its 3-second cache age, so the migration goes on with a notice instead of failing.
do $$
begin
  create trigger notify_access_change after delete on auth.sessions
    for each row execute function public.notify_access_change('none', 'user_id');
  create trigger notify_access_change after update of banned_until, deleted_at, encrypted_password on auth.users
    for each row execute function public.notify_access_change('none', 'id');
exception when insufficient_privilege then
  raise notice 'session change notifications not installed (%): revocation relies on the API''s 3 s session cache', sqlerrm;
end $$;
