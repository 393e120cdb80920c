-- Session revocation reaches every API instance at once: a deleted GoTrue session (logout, "sign out everywhere",
-- a password change ending the other sessions, a deleted account) and a ban, deletion or new password of an auth user
-- notify rf_access_change with the user, which drops the instance's cached session checks of that user.
create trigger notify_access_change after delete on auth.sessions
  for each row execute function public.notify_access_change('none', 'user_id');
create trigger notify_access_change after update of banned_until, deleted_at, encrypted_password on auth.users
  for each row execute function public.notify_access_change('none', 'id');
