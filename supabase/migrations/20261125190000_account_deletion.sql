-- Deleting an account deletes its workspaces and everything in them, but money records stay for the books:
-- a payment outlives its workspace, detached (no member can see it any more; operators still can).
alter table public.payment_transactions alter column workspace_id drop not null;
alter table public.payment_transactions drop constraint payment_transactions_workspace_id_fkey;
alter table public.payment_transactions
  add constraint payment_transactions_workspace_id_fkey foreign key (workspace_id) references public.workspaces (id) on delete set null;
