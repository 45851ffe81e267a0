-- Importing time from Harvest, Toggl, Clockify or our own hours export (issue 22). An admin uploads a file;
-- it is kept (public.import_files) so the preview and the import read the very same bytes; the people and
-- accounts of each source are mapped to our staff and clients once and remembered (public.import_mappings);
-- the import writes entries in one transaction, each with the dedupe key of its source row
-- (time_entries.import_key), so importing the same file again adds nothing.
--
-- An import attributes time to other people (the engineer a source row names), which no signed-in role may do
-- directly: every write here is the service role's, inside the admin's command after it authorized them
-- (lib/import/commands.ts). authenticated only reads, and only admins. Closed months stay locked by the
-- ledger's trigger, whoever writes.

alter table public.time_entries
  add column import_key text check (import_key is null or char_length(import_key) between 1 and 200),
  add column import_file_id uuid;
comment on column public.time_entries.import_key is
  'The source row an imported entry came from (format:digest:occurrence, or portal:entry id); unique, so a file imported twice adds nothing. Null for entries logged here.';
comment on column public.time_entries.import_file_id is 'The upload an imported entry came from (public.import_files); null for entries logged here.';
create unique index time_entries_import_key_idx on public.time_entries (import_key) where import_key is not null;

create table public.import_files (
  id uuid primary key default gen_random_uuid(),
  uploaded_by uuid not null references public.profiles (id) on delete cascade,
  file_name text not null check (char_length(file_name) between 1 and 255),
  format text not null check (format in ('harvest', 'toggl', 'clockify', 'clockify-17', 'portal')),
  bytes bytea not null check (octet_length(bytes) between 1 and 20971520),
  uploaded_at timestamptz not null default now(),
  imported_at timestamptz,
  imported_by uuid references public.profiles (id) on delete set null,
  added integer check (added >= 0),
  check ((imported_at is null) = (added is null))
);
alter table public.import_files enable row level security;
comment on table public.import_files is 'Time exports uploaded for import, kept so the preview and the import read the same bytes.';
comment on column public.import_files.uploaded_by is 'The admin who uploaded it.';
comment on column public.import_files.file_name is 'The name the file had on the uploader''s machine.';
comment on column public.import_files.format is 'The format its header named (lib/import/formats.ts).';
comment on column public.import_files.bytes is 'The file as uploaded (at most 20 MiB).';
comment on column public.import_files.uploaded_at is 'Instant of the upload (UTC).';
comment on column public.import_files.imported_at is 'Instant of the latest import from it (UTC); null until then.';
comment on column public.import_files.imported_by is 'Who ran that import.';
comment on column public.import_files.added is 'Entries the latest import added (rows imported before add nothing).';
create index import_files_uploaded_idx on public.import_files (uploaded_at desc);
create index time_entries_import_file_idx on public.time_entries (import_file_id) where import_file_id is not null;
alter table public.time_entries
  add constraint time_entries_import_file_fkey foreign key (import_file_id) references public.import_files (id) on delete set null;

create table public.import_mappings (
  source text not null check (source in ('harvest', 'toggl', 'clockify', 'portal')),
  kind text not null check (kind in ('account', 'person')),
  name text not null check (char_length(name) <= 300),
  client_id uuid references public.clients (id) on delete cascade,
  engineer_id uuid references public.profiles (id) on delete cascade,
  updated_at timestamptz not null default now(),
  primary key (source, kind, name),
  -- An account maps to a client (or to nothing: its rows are left out); a person to a member of staff.
  check ((kind = 'account' and engineer_id is null) or (kind = 'person' and client_id is null and engineer_id is not null))
);
alter table public.import_mappings enable row level security;
comment on table public.import_mappings is 'What each source''s clients/projects and people were mapped to at the last import, offered again next time.';
comment on column public.import_mappings.source is 'The product the file came from.';
comment on column public.import_mappings.kind is 'account: a source client (or project); person: a source person.';
comment on column public.import_mappings.name is 'The name as the source writes it ('''' for a one-client file of our own export).';
comment on column public.import_mappings.client_id is 'Our client for an account; null: its rows are left out.';
comment on column public.import_mappings.engineer_id is 'Our member of staff for a person.';
comment on column public.import_mappings.updated_at is 'Instant the mapping was last saved (UTC).';

create index import_mappings_client_idx on public.import_mappings (client_id);
create index import_mappings_engineer_idx on public.import_mappings (engineer_id);
create index import_files_uploaded_by_idx on public.import_files (uploaded_by);

revoke all on public.import_files, public.import_mappings from anon, authenticated;
grant all on public.import_files, public.import_mappings to service_role;
grant select (id, uploaded_by, file_name, format, uploaded_at, imported_at, imported_by, added) on public.import_files to authenticated;
grant select on public.import_mappings to authenticated;
create policy "Admins read the uploads"
  on public.import_files for select to authenticated using ((select private.is_admin()));
create policy "Admins read the mappings"
  on public.import_mappings for select to authenticated using ((select private.is_admin()));
