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

-- Entries are many (a million in the bench), and under RLS Postgres may not use the index for `@@`: the operator is
-- not leakproof, so it is only evaluated after the policy's filter, on every row (a scan of the table). This
-- function finds the matching entries through the index with the same rule the select policy applies
-- (private.readable_client_ids(): the caller's clients, from their claims), and returns ids and ranks only; the
-- caller then reads those rows under RLS as always.
create function private.search_entries(p_query tsquery, p_client_id uuid, p_limit integer)
returns table (id uuid, rank real)
language sql stable security definer set search_path = ''
as $$
  select e.id, ts_rank(e.search, p_query)
  from public.time_entries e
  where e.search @@ p_query
    and e.client_id in (select private.readable_client_ids())
    and (p_client_id is null or e.client_id = p_client_id)
  order by 2 desc, e.work_date desc, e.id
  limit least(greatest(p_limit, 1), 100)
$$;
comment on function private.search_entries(tsquery, uuid, integer) is
  'Ids and ranks of the entries matching a query among the caller''s readable clients (optionally one), best first, at most 100; read through the index.';
revoke execute on function private.search_entries(tsquery, uuid, integer) from public, anon;
grant execute on function private.search_entries(tsquery, uuid, integer) to authenticated, service_role;
