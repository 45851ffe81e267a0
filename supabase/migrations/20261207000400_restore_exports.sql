-- Issue 22's round trip: an admin of an empty practice uploads a Retainer Portal export (the ZIP) on /import and
-- restores it (lib/import/restore.ts). The upload is kept like a time file, under its own format; every row the
-- restore writes is the service role's inside the admin's authorized transaction, as an import's are, so this
-- migration grants nothing new.
alter table public.import_files drop constraint import_files_format_check;
alter table public.import_files add constraint import_files_format_check
  check (format in ('harvest', 'toggl', 'clockify', 'clockify-17', 'portal', 'archive'));
comment on column public.import_files.format is
  'The format its header named (lib/import/formats.ts), or archive: a Retainer Portal export (a ZIP) to restore.';
comment on column public.import_files.added is
  'Entries the import added (a restore: entries restored); null until it ran.';
