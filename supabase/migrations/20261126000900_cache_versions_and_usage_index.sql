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

-- Row-level constraint triggers, deferred to commit: the version row is locked for the commit alone, not for
-- the whole writing transaction, so concurrent writers of one client do not queue behind each other.
create function private.bump_version_of(p_client_id uuid) returns void
language sql security definer set search_path = ''
as $$
  insert into private.client_data_versions as v (client_id) values (p_client_id)
  on conflict (client_id) do update set version = v.version + 1
$$;

create function private.bump_client_data_version() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  -- Each branch names only the columns its table has (clients: id; the others: client_id).
  if tg_table_name = 'clients' then
    perform private.bump_version_of(new.id);
  elsif tg_op = 'INSERT' then
    perform private.bump_version_of(new.client_id);
  elsif tg_op = 'DELETE' then
    perform private.bump_version_of(old.client_id);
  else
    perform private.bump_version_of(new.client_id);
    if old.client_id is distinct from new.client_id then
      perform private.bump_version_of(old.client_id);
    end if;
  end if;
  return null;
end
$$;

-- Names appear on entries of any client; a rename is rare, so it moves every client (in id order).
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

revoke execute on function private.bump_version_of(uuid), private.bump_client_data_version(),
  private.bump_all_client_data_versions() from public, anon, authenticated;

do $$
declare t text;
begin
  foreach t in array array['time_entries', 'roadmap_items', 'weekly_updates', 'retainer_terms', 'billing_periods'] loop
    execute format('create constraint trigger %I after insert or update or delete on public.%I
                      deferrable initially deferred for each row execute function private.bump_client_data_version()',
                   t || '_bump_version', t);
  end loop;
end
$$;

create constraint trigger clients_bump_version after update on public.clients
  deferrable initially deferred for each row execute function private.bump_client_data_version();
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
