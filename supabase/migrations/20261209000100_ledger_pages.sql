-- The ledger of any size (issue 24): a month is listed 100 entries at a time, newest first, from a keyset cursor,
-- and its totals are read from per-day sums for the whole filter.
--
-- One index serves the pages and the monthly usage sums that the usage index served before:
--   - its key is the ledger's order (client, date, time logged, id), so a page is a range scan that stops after
--     101 rows, from the cursor's position, whatever the month's size;
--   - it carries the columns the usage sums read (minutes, billable, voided, correction), so those stay an
--     index-only scan, and the filters' (category, roadmap item), so a filtered page skips the rows it drops
--     without reading them from the table.
create index time_entries_client_ledger_idx on public.time_entries (client_id, work_date, created_at, id)
  include (minutes, billable, voided_at, adjusts_entry_id, category, roadmap_item_id);
drop index public.time_entries_client_usage_idx;

-- The ledger's totals, kept per day. Summing a 200,000-entry month row by row costs ~60 ms even from the index;
-- the same sums from one row per (day, category, billable, roadmap item, correction, voided) cost well under one.
-- Read only through private.ledger_totals, which checks the caller may read the client.
create table private.ledger_days (
  client_id uuid not null references public.clients (id) on delete cascade,
  work_date date not null,
  category text not null,
  billable boolean not null,
  roadmap_item_id uuid,
  correction boolean not null,
  voided boolean not null,
  entries integer not null,
  minutes bigint not null,
  constraint ledger_days_key unique nulls not distinct (client_id, work_date, category, billable, roadmap_item_id, correction, voided)
);
alter table private.ledger_days enable row level security;
revoke all on private.ledger_days from public, anon, authenticated;
comment on table private.ledger_days is 'Per-day sums of time_entries for the ledger''s totals; kept by triggers, read through private.ledger_totals.';

-- How the day rows follow the entries without making writers of one client wait for each other (two engineers
-- logging the same day, or an engineer beside a long import, must not queue; tests/integration/page-cache):
--   1. statement triggers with transition tables add what each statement changed, summed by key, to
--      private.ledger_day_changes: inserts only, which never wait on another transaction;
--   2. at commit, a deferred trigger on those rows moves the transaction's changes into the day rows, in key
--      order (so two committing writers lock shared rows in the same order and cannot deadlock), and drops the
--      rows it emptied. The day rows are locked from then to the commit alone, as the version row is (20261126000900).
-- A change for a client that is gone (its cascaded delete) is dropped. Bulk loads that skip triggers (the
-- bench's seed) call private.rebuild_ledger_days afterwards.
create table private.ledger_day_changes (
  id bigint generated always as identity primary key,
  txid bigint not null default txid_current(),
  client_id uuid not null,
  work_date date not null,
  category text not null,
  billable boolean not null,
  roadmap_item_id uuid,
  correction boolean not null,
  voided boolean not null,
  entries integer not null,
  minutes bigint not null
);
create index ledger_day_changes_txid_idx on private.ledger_day_changes (txid);
alter table private.ledger_day_changes enable row level security;
revoke all on private.ledger_day_changes from public, anon, authenticated;
comment on table private.ledger_day_changes is 'What the open transactions changed in time_entries, by day key, until their commit moves it into ledger_days.';

create function private.note_ledger_changes() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    insert into private.ledger_day_changes (client_id, work_date, category, billable, roadmap_item_id, correction, voided, entries, minutes)
    select o.client_id, o.work_date, o.category, o.billable, o.roadmap_item_id, o.adjusts_entry_id is not null, o.voided_at is not null,
           -count(*), -sum(o.minutes)
    from old_rows o group by 1, 2, 3, 4, 5, 6, 7;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into private.ledger_day_changes (client_id, work_date, category, billable, roadmap_item_id, correction, voided, entries, minutes)
    select n.client_id, n.work_date, n.category, n.billable, n.roadmap_item_id, n.adjusts_entry_id is not null, n.voided_at is not null,
           count(*), sum(n.minutes)
    from new_rows n group by 1, 2, 3, 4, 5, 6, 7;
  end if;
  return null;
end
$$;

create function private.apply_ledger_changes() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v_clients uuid[];
begin
  -- The first of this transaction's change rows to fire moves them all; the others find theirs gone.
  if not exists (select 1 from private.ledger_day_changes c where c.id = new.id) then
    return null;
  end if;
  with moved as (
    delete from private.ledger_day_changes c where c.txid = txid_current()
    returning c.client_id, c.work_date, c.category, c.billable, c.roadmap_item_id, c.correction, c.voided, c.entries, c.minutes
  ), summed as (
    select m.client_id, m.work_date, m.category, m.billable, m.roadmap_item_id, m.correction, m.voided,
           sum(m.entries)::int as entries, sum(m.minutes) as minutes
    from moved m group by 1, 2, 3, 4, 5, 6, 7
  ), applied as (
    insert into private.ledger_days as d (client_id, work_date, category, billable, roadmap_item_id, correction, voided, entries, minutes)
    select s.client_id, s.work_date, s.category, s.billable, s.roadmap_item_id, s.correction, s.voided, s.entries, s.minutes
    from summed s
    where (s.entries <> 0 or s.minutes <> 0) and exists (select 1 from public.clients k where k.id = s.client_id)
    order by 1, 2, 3, 4, 5, 6, 7
    on conflict on constraint ledger_days_key do update set entries = d.entries + excluded.entries, minutes = d.minutes + excluded.minutes
    returning d.client_id
  )
  select array_agg(distinct a.client_id) into v_clients from applied a;
  delete from private.ledger_days d where d.client_id = any (v_clients) and d.entries = 0;
  return null;
end
$$;

revoke execute on function private.note_ledger_changes(), private.apply_ledger_changes() from public, anon, authenticated;

create trigger time_entries_ledger_insert after insert on public.time_entries
  referencing new table as new_rows for each statement execute function private.note_ledger_changes();
create trigger time_entries_ledger_update after update on public.time_entries
  referencing old table as old_rows new table as new_rows for each statement execute function private.note_ledger_changes();
create trigger time_entries_ledger_delete after delete on public.time_entries
  referencing old table as old_rows for each statement execute function private.note_ledger_changes();
create constraint trigger ledger_day_changes_apply after insert on private.ledger_day_changes
  deferrable initially deferred for each row execute function private.apply_ledger_changes();

-- The day rows of one client (or every client) again from its entries: after a load that skipped the triggers.
create function private.rebuild_ledger_days(p_client_id uuid default null) returns void
language sql security definer set search_path = ''
as $$
  delete from private.ledger_days where p_client_id is null or client_id = p_client_id;
  insert into private.ledger_days (client_id, work_date, category, billable, roadmap_item_id, correction, voided, entries, minutes)
  select e.client_id, e.work_date, e.category, e.billable, e.roadmap_item_id, e.adjusts_entry_id is not null, e.voided_at is not null,
         count(*), sum(e.minutes)
  from public.time_entries e where p_client_id is null or e.client_id = p_client_id
  group by 1, 2, 3, 4, 5, 6, 7;
$$;
revoke execute on function private.rebuild_ledger_days(uuid) from public, anon, authenticated;
select private.rebuild_ledger_days();

-- What a ledger view adds up to, for a client the caller may read (nothing for any other): the entries between
-- two days, filtered as the page filters. Rules as lib/domain/ledger's ledgerTotals.
create function private.ledger_totals(p_client_id uuid, p_from date, p_to date, p_category text, p_roadmap_item_id uuid, p_billable boolean)
returns table (billable_minutes bigint, correction_minutes bigint, non_billable_minutes bigint, entries bigint, voided bigint)
language sql stable security definer set search_path = ''
as $$
  select coalesce(sum(d.minutes) filter (where not d.voided and d.billable and not d.correction), 0),
         coalesce(sum(d.minutes) filter (where not d.voided and d.billable and d.correction), 0),
         coalesce(sum(d.minutes) filter (where not d.voided and not d.billable), 0),
         coalesce(sum(d.entries) filter (where not d.voided), 0),
         coalesce(sum(d.entries) filter (where d.voided), 0)
  from private.ledger_days d
  where d.client_id = p_client_id and p_client_id in (select private.readable_client_ids())
    and d.work_date >= p_from and d.work_date < p_to
    and (p_category is null or d.category = p_category)
    and (p_roadmap_item_id is null or d.roadmap_item_id = p_roadmap_item_id)
    and (p_billable is null or d.billable = p_billable)
$$;
revoke execute on function private.ledger_totals(uuid, date, date, text, uuid, boolean) from public, anon;
grant execute on function private.ledger_totals(uuid, date, date, text, uuid, boolean) to authenticated, service_role;

-- Who logged time for the caller's clients, by a skip scan of (client_id, engineer_id): one index probe per
-- engineer instead of reading every entry's author (a member of a client with 200,000 entries a month paid
-- ~26 ms for it on every page).
create function private.entry_authors(p_client_id uuid) returns setof uuid
language sql stable security definer set search_path = ''
as $$
  with recursive a(engineer_id) as (
    (select e.engineer_id from public.time_entries e where e.client_id = p_client_id order by e.engineer_id limit 1)
    union all
    select (select e.engineer_id from public.time_entries e where e.client_id = p_client_id and e.engineer_id > a.engineer_id
            order by e.engineer_id limit 1)
    from a where a.engineer_id is not null
  )
  select engineer_id from a where engineer_id is not null
$$;
revoke execute on function private.entry_authors(uuid) from public, anon, authenticated;

-- As 20261205000100 defined it, with the entry authors from that skip scan.
create or replace function private.visible_user_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  with mine as (select array(select private.readable_client_ids()) as ids)
  select cm.user_id from public.client_members cm, mine where cm.client_id = any (mine.ids)
  union
  select ce.user_id from public.client_engineers ce, mine where ce.client_id = any (mine.ids)
  union
  -- Everyone who logged time for those clients, removed staff included (20261202000100).
  select a.id from mine, unnest(mine.ids) c(id), private.entry_authors(c.id) a(id)
  union
  select s.user_id from public.staff s
  where (select private.is_staff())
     or (s.role = 'admin' and exists (select 1 from public.client_members cm where cm.user_id = (select auth.uid())))
$$;
