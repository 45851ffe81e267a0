-- Search (issue 25): entries, roadmap items and weekly updates by the words in them, ranked, under the same RLS as
-- every other read (staff search their clients', owners and members their own client's; members see published
-- updates only). Each table keeps a generated tsvector ('simple': no stemming, any language's words as written,
-- prefixes matched by the query) and a GIN index on it.
alter table public.time_entries add column search tsvector generated always as (to_tsvector('simple', description)) stored;
create index time_entries_search_idx on public.time_entries using gin (search);
comment on column public.time_entries.search is 'The description''s words, for search (generated).';

alter table public.roadmap_items add column search tsvector
  generated always as (to_tsvector('simple', title || ' ' || coalesce(description, ''))) stored;
create index roadmap_items_search_idx on public.roadmap_items using gin (search);
comment on column public.roadmap_items.search is 'The title''s and description''s words, for search (generated).';

alter table public.weekly_updates add column search tsvector
  generated always as (to_tsvector('simple', title || ' ' || body_md)) stored;
create index weekly_updates_search_idx on public.weekly_updates using gin (search);
comment on column public.weekly_updates.search is 'The title''s and body''s words, for search (generated).';
