-- Handbook pages drafted from the work (issue 26): Claude (or the template, when drafting is off) drafts a runbook
-- from a roadmap item's entries, comments and history. The draft is saved as an internal page's first version, so
-- no client reads it before a person has edited and saved it; each version says who wrote its words, and the record
-- of what AI saw names the page its answer became.

alter table public.handbook_versions
  add column source text not null default 'person' check (source in ('person', 'claude', 'template'));
comment on column public.handbook_versions.source is
  'Who wrote the version''s words: a person at the editor, Claude (a draft from the work), or the template (drafting off).';
grant select (source) on public.handbook_versions to authenticated;

alter table public.ai_requests
  add column handbook_page_id uuid references public.handbook_pages (id) on delete set null;
comment on column public.ai_requests.handbook_page_id is 'The handbook page the accepted answer became a draft of.';
create index ai_requests_handbook_page_idx on public.ai_requests (handbook_page_id) where handbook_page_id is not null;
grant select (handbook_page_id) on public.ai_requests to authenticated;
