-- Shared helpers used by later migrations.

-- Keeps updated_at honest on every table that has one.
create or replace function public.set_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end $$;
