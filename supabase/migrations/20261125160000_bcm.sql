-- BCM: every built Business Context Manifest version (history kept) and a per-workspace pointer to the latest one
-- with the state of its rebuild. Postgres is the durable copy; Redis holds a hot copy the API can lose at any time.

-- One row per built version. Append-only: a rebuild adds version N+1, nothing updates a manifest or deletes a version.
create table public.bcm_manifests (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  version int not null check (version > 0),
  source_context_version int not null check (source_context_version > 0),
  schema_version int not null check (schema_version > 0),
  manifest jsonb not null check (jsonb_typeof(manifest) = 'object'),
  -- SHA-256 hex of the manifest's canonical JSON (without generatedAt and checksum); equals manifest->>'checksum'.
  checksum text not null check (checksum ~ '^[0-9a-f]{64}$' and checksum = manifest ->> 'checksum'),
  -- Optional AI extras, written after the manifest; never part of the checksummed content.
  enrichment jsonb check (enrichment is null or jsonb_typeof(enrichment) = 'object'),
  created_at timestamptz not null default now(),
  unique (workspace_id, version),
  -- A manifest is built from a finalized context, and contexts are append-only.
  foreign key (workspace_id, source_context_version) references public.business_contexts (workspace_id, version)
);

-- The latest pointer and the rebuild state, one row per workspace that was ever rebuilt.
-- latest_version moves in the same transaction that inserts the version it points to.
create table public.bcm_state (
  workspace_id uuid primary key references public.workspaces (id) on delete cascade,
  latest_version int,
  status text not null default 'idle' check (status in ('idle', 'rebuilding', 'failed')),
  last_error text check (char_length(last_error) <= 1000),
  last_job_id text,
  updated_at timestamptz not null default now(),
  foreign key (workspace_id, latest_version) references public.bcm_manifests (workspace_id, version)
);

-- Row-level security: every member reads the workspace's manifests and rebuild state; only the service role
-- (the worker, and the API's service path) writes, so no user can plant a manifest or fake a status.
alter table public.bcm_manifests enable row level security;
alter table public.bcm_state enable row level security;

revoke all on public.bcm_manifests, public.bcm_state from anon, authenticated;
grant select on public.bcm_manifests, public.bcm_state to authenticated;
grant all on public.bcm_manifests, public.bcm_state to service_role;

create policy bcm_manifests_select on public.bcm_manifests for select to authenticated
  using (public.is_workspace_member(workspace_id));
create policy bcm_state_select on public.bcm_state for select to authenticated
  using (public.is_workspace_member(workspace_id));
