-- The week grid (issue 25) reads one engineer's entries of seven days; with only time_entries (engineer_id), an
-- engineer with years of history had every entry of theirs read for it. (engineer_id, work_date) serves that range
-- and everything the single-column index served, which it replaces.
create index time_entries_engineer_date_idx on public.time_entries (engineer_id, work_date);
drop index public.time_entries_engineer_idx;
