-- private.visible_user_ids() (20261202000100) finds who logged time for the caller's clients. Written as
-- `client_id in (select …)` over a security definer function, the planner cannot see how few clients that
-- is and scanned every time entry: a member's page view cost ~140 ms more at a million entries (the bench's
-- cache-missed dashboard went from 22 to 163 ms). An array of the caller's clients and an index on
-- (client_id, engineer_id) make it an index-only scan of that client's entries.
create index time_entries_client_engineer_idx on public.time_entries (client_id, engineer_id);

create or replace function private.visible_user_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select cm.user_id from public.client_members cm where cm.client_id = any (array(select private.member_client_ids()))
  union
  select ce.user_id from public.client_engineers ce where ce.client_id = any (array(select private.member_client_ids()))
  union
  select e.engineer_id from public.time_entries e where e.client_id = any (array(select private.member_client_ids()))
  union
  select s.user_id from public.staff s
  where s.role = 'admin' and exists (select 1 from public.client_members cm where cm.user_id = (select auth.uid()))
$$;

comment on function private.visible_user_ids() is
  'People the caller may see the name of: co-members, engineers of the caller''s clients, and everyone who logged time for them.';
revoke execute on function private.visible_user_ids() from public, anon;
grant execute on function private.visible_user_ids() to authenticated, service_role;
