-- The handbook (issue 26): each client's runbooks, architecture notes, how-tos, decisions and workflow maps, in
-- Markdown (diagrams as Mermaid), that the client keeps. Each page is marked internal (the client's staff only) or
-- visible to the client (its owners and members too), and the mark is shown on the page. Every save is a version
-- (who, when, what); restoring an old version saves a new one; a save made from an older version than the page's
-- is refused, never lost. Pages and versions are the app's to write (the service role, inside the command that
-- authorized the engineer): nobody signed in writes a page, a version, an author or a time directly.

create table public.handbook_pages (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  section text not null check (section in ('runbooks', 'architecture', 'how-tos', 'decisions', 'workflows')),
  title text not null check (char_length(title) between 1 and 200),
  body_md text not null default '' check (char_length(body_md) <= 100000),
  visibility text not null default 'internal' check (visibility in ('internal', 'client')),
  roadmap_item_id uuid,
  version integer not null default 1 check (version >= 1),
  created_by uuid references public.profiles (id) on delete set null,
  updated_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  search tsvector generated always as (to_tsvector('simple', title || ' ' || body_md)) stored,
  unique (id, client_id),
  foreign key (roadmap_item_id, client_id) references public.roadmap_items (id, client_id) on delete set null (roadmap_item_id)
);
alter table public.handbook_pages enable row level security;
comment on table public.handbook_pages is 'Each client''s handbook: one row per page, as it reads now (issue 26). Written by the app only.';
comment on column public.handbook_pages.section is 'runbooks, architecture, how-tos, decisions or workflows.';
comment on column public.handbook_pages.title is 'The page''s title.';
comment on column public.handbook_pages.body_md is 'The page in Markdown; ```mermaid blocks are diagrams.';
comment on column public.handbook_pages.visibility is 'internal: the client''s staff only; client: its owners and members too.';
comment on column public.handbook_pages.roadmap_item_id is 'The roadmap item the page documents, if any.';
comment on column public.handbook_pages.version is 'The number of the page''s latest version (public.handbook_versions).';
comment on column public.handbook_pages.created_by is 'Who wrote the first version.';
comment on column public.handbook_pages.updated_by is 'Who saved the latest version.';
comment on column public.handbook_pages.search is 'The title and text for full-text search (simple configuration).';
create index handbook_pages_client_idx on public.handbook_pages (client_id, section, title);
create index handbook_pages_search_idx on public.handbook_pages using gin (search);
create index handbook_pages_item_idx on public.handbook_pages (roadmap_item_id) where roadmap_item_id is not null;
create index handbook_pages_created_by_idx on public.handbook_pages (created_by) where created_by is not null;
create index handbook_pages_updated_by_idx on public.handbook_pages (updated_by) where updated_by is not null;

create table public.handbook_versions (
  page_id uuid not null,
  client_id uuid not null,
  version integer not null check (version >= 1),
  section text not null,
  title text not null,
  body_md text not null,
  visibility text not null check (visibility in ('internal', 'client')),
  roadmap_item_id uuid,
  saved_by uuid references public.profiles (id) on delete set null,
  saved_at timestamptz not null default now(),
  restored_from integer,
  primary key (page_id, version),
  foreign key (page_id, client_id) references public.handbook_pages (id, client_id) on delete cascade
);
alter table public.handbook_versions enable row level security;
comment on table public.handbook_versions is 'Every saved version of every handbook page, never changed (issue 26). Written by the app only.';
comment on column public.handbook_versions.version is '1 for the first save, then one more per save.';
comment on column public.handbook_versions.visibility is 'The mark the page had in this version: members read only versions that were visible to the client.';
comment on column public.handbook_versions.saved_by is 'Who saved this version.';
comment on column public.handbook_versions.restored_from is 'The version this one restored, when it was a restore.';
create index handbook_versions_client_idx on public.handbook_versions (client_id);
create index handbook_versions_saved_by_idx on public.handbook_versions (saved_by) where saved_by is not null;

revoke all on public.handbook_pages, public.handbook_versions from anon, authenticated;
grant all on public.handbook_pages, public.handbook_versions to service_role;
grant select (id, client_id, section, title, body_md, visibility, roadmap_item_id, version, created_by, updated_by, created_at, updated_at, search)
  on public.handbook_pages to authenticated;
grant select (page_id, client_id, version, section, title, body_md, visibility, roadmap_item_id, saved_by, saved_at, restored_from)
  on public.handbook_versions to authenticated;

create policy "Staff read all pages; members the pages visible to them"
  on public.handbook_pages for select to authenticated
  using (client_id in (select private.staffed_client_ids())
         or (visibility = 'client' and client_id in (select private.member_client_ids())));
create policy "Staff read all versions; members the visible ones"
  on public.handbook_versions for select to authenticated
  using (client_id in (select private.staffed_client_ids())
         or (visibility = 'client' and client_id in (select private.member_client_ids())
             and exists (select 1 from public.handbook_pages p where p.id = page_id and p.visibility = 'client')));
