-- Deleting a workspace (an account deletion cascades to it) checks users_current_workspace_fk; without an index that
-- check reads every profile, once per deleted workspace.
create index users_current_workspace_id_idx on public.users (current_workspace_id);
