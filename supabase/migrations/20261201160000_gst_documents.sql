-- GST paperwork: a workspace's billing details, and tax invoices / credit notes numbered from gap-free series per
-- financial year (CGST Rules r.46). The rules the law cares about are enforced here, whatever the code does:
-- a valid GSTIN for the billing state, consecutive numbers, parts that add up, documents nobody can rewrite.

-- The GSTN's mod-36 check character over the first 14 characters (same rule as libs/shared/contracts gst.ts).
create or replace function public.gstin_check_character(p_first14 text) returns text
language plpgsql immutable set search_path = '' as $$
declare
  chars constant text := '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  total int := 0;
  product int;
begin
  for i in 1..14 loop
    product := (strpos(chars, substr(p_first14, i, 1)) - 1) * (case when i % 2 = 1 then 1 else 2 end);
    total := total + product / 36 + product % 36;
  end loop;
  return substr(chars, (36 - total % 36) % 36 + 1, 1);
end $$;

create or replace function public.gstin_is_valid(p_gstin text, p_state_code text) returns boolean
language sql immutable set search_path = '' as $$
  select p_gstin ~ '^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$'
    and left(p_gstin, 2) = p_state_code
    and public.gstin_check_character(left(p_gstin, 14)) = right(p_gstin, 1)
$$;

create table public.workspace_billing_details (
  workspace_id uuid primary key references public.workspaces (id) on delete cascade,
  legal_name text not null check (length(btrim(legal_name)) between 1 and 200),
  address text not null check (length(btrim(address)) between 1 and 500),
  state_code text not null check (state_code ~ '^[0-9]{2}$'),
  -- Empty for individuals and unregistered businesses.
  gstin text check (gstin is null or public.gstin_is_valid(gstin, state_code)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create trigger workspace_billing_details_updated_at before update on public.workspace_billing_details
  for each row execute function public.set_updated_at();

-- Billing is the owner's (domain.md "Identity").
alter table public.workspace_billing_details enable row level security;
revoke all on public.workspace_billing_details from anon, authenticated;
grant select, insert, update on public.workspace_billing_details to authenticated;
grant all on public.workspace_billing_details to service_role;
create policy billing_details_select on public.workspace_billing_details for select to authenticated
  using (public.workspace_role(workspace_id) = 'owner');
create policy billing_details_insert on public.workspace_billing_details for insert to authenticated
  with check (public.workspace_role(workspace_id) = 'owner');
create policy billing_details_update on public.workspace_billing_details for update to authenticated
  using (public.workspace_role(workspace_id) = 'owner') with check (public.workspace_role(workspace_id) = 'owner');

-- One counter row per series and financial year. Taking a number locks the row until the transaction ends, so
-- concurrent settlements queue up and a rolled-back one gives its number back: no gaps, no duplicates.
create table public.tax_document_series (
  kind text not null check (kind in ('invoice', 'credit_note')),
  fiscal_year text not null check (fiscal_year ~ '^[0-9]{2}-[0-9]{2}$'),
  last_serial integer not null check (last_serial > 0),
  primary key (kind, fiscal_year)
);

-- "26-27" for a moment in India's financial year (1 April to 31 March, Asia/Kolkata).
create or replace function public.fiscal_year_of(p_at timestamptz) returns text
language sql immutable set search_path = '' as $$
  select to_char(start, 'YY') || '-' || to_char(start + interval '1 year', 'YY')
  from (select (date_trunc('year', (p_at at time zone 'Asia/Kolkata') - interval '3 months') + interval '3 months') as start) s
$$;

create table public.tax_documents (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('invoice', 'credit_note')),
  fiscal_year text not null,
  serial integer not null check (serial > 0),
  number text not null unique check (number ~ '^[A-Z0-9/-]{1,16}$'),
  issued_at timestamptz not null default now(),
  -- Kept when the workspace is deleted: tax records outlive accounts.
  workspace_id uuid references public.workspaces (id) on delete set null,
  merchant_order_id text not null,
  merchant_refund_id text,
  -- A credit note names the invoice it reduces.
  invoice_id uuid references public.tax_documents (id),
  seller jsonb not null,
  buyer jsonb not null,
  place_of_supply text not null check (place_of_supply ~ '^[0-9]{2}$'),
  sac text not null,
  description text not null,
  rate_basis_points integer not null check (rate_basis_points between 0 and 10000),
  taxable integer not null check (taxable >= 0),
  cgst integer not null check (cgst >= 0),
  sgst integer not null check (sgst >= 0),
  igst integer not null check (igst >= 0),
  total integer not null check (total > 0),
  unique (kind, fiscal_year, serial),
  check (taxable + cgst + sgst + igst = total),
  check (igst = 0 or (cgst = 0 and sgst = 0)),
  check ((kind = 'invoice') = (invoice_id is null and merchant_refund_id is null))
);
create unique index tax_documents_one_invoice_per_payment on public.tax_documents (merchant_order_id) where kind = 'invoice';
create unique index tax_documents_one_note_per_refund on public.tax_documents (merchant_refund_id) where kind = 'credit_note';
create index tax_documents_workspace_idx on public.tax_documents (workspace_id, issued_at desc);

-- Numbers come from the series inside the insert, and credit notes never exceed their invoice.
create or replace function public.tax_document_number() returns trigger
language plpgsql set search_path = '' as $$
declare
  invoiced bigint;
  credited bigint;
begin
  new.fiscal_year := public.fiscal_year_of(new.issued_at);
  insert into public.tax_document_series as s (kind, fiscal_year, last_serial) values (new.kind, new.fiscal_year, 1)
  on conflict (kind, fiscal_year) do update set last_serial = s.last_serial + 1
  returning last_serial into new.serial;
  new.number := (case new.kind when 'invoice' then 'RF' else 'CN' end) || '/' || new.fiscal_year || '/' || lpad(new.serial::text, greatest(6, length(new.serial::text)), '0');
  if new.kind = 'credit_note' then
    -- Lock the invoice first, so concurrent credit notes for it count each other.
    select total into invoiced from public.tax_documents where id = new.invoice_id and kind = 'invoice' for update;
    select coalesce(sum(total), 0) into credited from public.tax_documents where invoice_id = new.invoice_id;
    if invoiced is null or credited + new.total > invoiced then
      raise exception 'credit notes would exceed invoice %', new.invoice_id using errcode = 'check_violation';
    end if;
  end if;
  return new;
end $$;
create trigger tax_documents_number before insert on public.tax_documents
  for each row execute function public.tax_document_number();

create or replace function public.tax_documents_immutable() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and new.workspace_id is null and old.workspace_id is not null
     and (to_jsonb(new) - 'workspace_id') = (to_jsonb(old) - 'workspace_id') then
    return new; -- the workspace was deleted: the document stays, detached
  end if;
  raise exception 'tax documents are never changed or deleted; issue a credit note' using errcode = 'insufficient_privilege';
end $$;
create trigger tax_documents_immutable before update or delete on public.tax_documents
  for each row execute function public.tax_documents_immutable();

alter table public.tax_document_series enable row level security;
alter table public.tax_documents enable row level security;
revoke all on public.tax_document_series, public.tax_documents from anon, authenticated;
grant select on public.tax_documents to authenticated;
grant select, insert on public.tax_documents to service_role;
grant select, insert, update on public.tax_document_series to service_role;
create policy tax_documents_select on public.tax_documents for select to authenticated
  using (public.workspace_role(workspace_id) = 'owner');
