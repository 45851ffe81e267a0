-- Two things the scale benchmark (issue 8) asked for.
--
-- 1. Monthly usage is summed from an index alone. The dashboard sums a client's whole history per month
--    (rollover needs it); with the summed columns in the index that is an index-only scan instead of one
--    heap page per entry (5,000 entries: 4,887 buffers → 40).
drop index public.time_entries_client_date_idx;
create index time_entries_client_usage_idx on public.time_entries (client_id, work_date)
  include (minutes, billable, voided_at, adjusts_entry_id);

-- 2. A version per client that moves with every write to what its dashboard and ledger show (entries,
--    roadmap items, updates, terms, periods, the client row, and people's names). The app caches those
--    pages' data under (person, client, version, day) and reads the version with the access check it makes
--    anyway, so a cached copy is never served after a change, whichever server or job made it.
--    No foreign key: a client's cascaded delete must not fail on its own version row.
create table private.client_data_versions (
  client_id uuid primary key,
  version bigint not null default 1
);
alter table private.client_data_versions enable row level security;
revoke all on private.client_data_versions from public, anon, authenticated;
comment on table private.client_data_versions is 'Bumped by triggers on every write a client''s cached page data depends on.';

create function private.bump_client_data_versions() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  -- Statement-level with transition tables: one upsert per statement and client, in id order (no deadlocks).
  if tg_op = 'INSERT' then
    insert into private.client_data_versions as v (client_id)
    select distinct client_id from new_rows order by 1
    on conflict (client_id) do update set version = v.version + 1;
  elsif tg_op = 'DELETE' then
    insert into private.client_data_versions as v (client_id)
    select distinct client_id from old_rows order by 1
    on conflict (client_id) do update set version = v.version + 1;
  else
    insert into private.client_data_versions as v (client_id)
    select client_id from new_rows union select client_id from old_rows order by 1
    on conflict (client_id) do update set version = v.version + 1;
  end if;
  return null;
end
$$;

create function private.bump_client_data_version_of_client() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into private.client_data_versions as v (client_id)
  select id from new_rows order by 1
  on conflict (client_id) do update set version = v.version + 1;
  return null;
end
$$;

-- Names appear on entries of any client; a rename is rare, so it moves every client.
create function private.bump_all_client_data_versions() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into private.client_data_versions as v (client_id)
  select id from public.clients order by 1
  on conflict (client_id) do update set version = v.version + 1;
  return null;
end
$$;

revoke execute on function private.bump_client_data_versions(), private.bump_client_data_version_of_client(),
  private.bump_all_client_data_versions() from public, anon, authenticated;

do $$
declare t text;
begin
  foreach t in array array['time_entries', 'roadmap_items', 'weekly_updates', 'retainer_terms', 'billing_periods'] loop
    execute format('create trigger %I after insert on public.%I referencing new table as new_rows
                      for each statement execute function private.bump_client_data_versions()', t || '_bump_version_ins', t);
    execute format('create trigger %I after update on public.%I referencing old table as old_rows new table as new_rows
                      for each statement execute function private.bump_client_data_versions()', t || '_bump_version_upd', t);
    execute format('create trigger %I after delete on public.%I referencing old table as old_rows
                      for each statement execute function private.bump_client_data_versions()', t || '_bump_version_del', t);
  end loop;
end
$$;

create trigger clients_bump_version after update on public.clients referencing new table as new_rows
  for each statement execute function private.bump_client_data_version_of_client();
create trigger profiles_bump_versions after update of full_name, email on public.profiles
  for each statement execute function private.bump_all_client_data_versions();

-- The version of a client the caller may read (0 before its first write, null for anyone else).
create function private.client_data_version(p_client_id uuid) returns bigint
language sql stable security definer set search_path = ''
as $$
  select coalesce((select v.version from private.client_data_versions v where v.client_id = p_client_id), 0)
  where p_client_id in (select private.readable_client_ids())
$$;
revoke execute on function private.client_data_version(uuid) from public, anon;
grant execute on function private.client_data_version(uuid) to authenticated, service_role;
