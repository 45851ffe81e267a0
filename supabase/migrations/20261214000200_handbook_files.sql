-- Handbook attachments (issue 26): images and PDFs up to 10 MB on a handbook page, their type checked by their bytes
-- (never by their name or the browser's word), kept in Postgres (`data`) or, when a deployment configures Supabase
-- Storage, in its bucket (`storage_path`), and shown inline on the page. Who reads a file is who reads its page: the
-- client's staff always, its owners and members while the page is visible to the client. Files are the app's to
-- write (the service role, inside the command that authorized the client's engineer); nobody signed in writes one.

create table public.handbook_files (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null,
  page_id uuid not null,
  name text not null check (char_length(name) between 1 and 200),
  content_type text not null check (content_type in ('image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf')),
  size_bytes integer not null check (size_bytes between 1 and 10485760),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  data bytea,
  storage_path text check (char_length(storage_path) between 1 and 500),
  uploaded_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  check ((data is null) <> (storage_path is null)),
  check (data is null or octet_length(data) = size_bytes),
  foreign key (page_id, client_id) references public.handbook_pages (id, client_id) on delete cascade
);
alter table public.handbook_files enable row level security;
comment on table public.handbook_files is 'Images and PDFs attached to handbook pages (issue 26). Written by the app only.';
comment on column public.handbook_files.name is 'The file''s name as uploaded (cleaned), with the extension of what its bytes are.';
comment on column public.handbook_files.content_type is 'What the bytes are, as read from them: PNG, JPEG, GIF, WebP or PDF.';
comment on column public.handbook_files.size_bytes is 'Its size: at most 10 MB.';
comment on column public.handbook_files.sha256 is 'The SHA-256 of its bytes, hex.';
comment on column public.handbook_files.data is 'The bytes, when kept in Postgres.';
comment on column public.handbook_files.storage_path is 'The object''s path in the Supabase Storage bucket, when kept there.';
comment on column public.handbook_files.uploaded_by is 'Who attached it.';
create index handbook_files_page_idx on public.handbook_files (page_id, created_at);
create index handbook_files_client_idx on public.handbook_files (client_id);
create index handbook_files_uploaded_by_idx on public.handbook_files (uploaded_by) where uploaded_by is not null;

revoke all on public.handbook_files from anon, authenticated;
grant all on public.handbook_files to service_role;
grant select (id, client_id, page_id, name, content_type, size_bytes, sha256, data, storage_path, uploaded_by, created_at)
  on public.handbook_files to authenticated;
create policy "Staff read all files; members the files of visible pages"
  on public.handbook_files for select to authenticated
  using (client_id in (select private.staffed_client_ids())
         or (client_id in (select private.member_client_ids())
             and exists (select 1 from public.handbook_pages p where p.id = page_id and p.visibility = 'client')));
