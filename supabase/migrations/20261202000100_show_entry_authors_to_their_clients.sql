-- A person removed from the practice keeps their time entries (time_entries.engineer_id), but their client
-- assignments go. Members must still see who logged each entry of their client, so the people whose names a
-- member may see now include every author of their clients' entries, not only the engineers assigned today.
create or replace function private.visible_user_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select cm.user_id from public.client_members cm where cm.client_id in (select private.member_client_ids())
  union
  select ce.user_id from public.client_engineers ce where ce.client_id in (select private.member_client_ids())
  union
  select e.engineer_id from public.time_entries e where e.client_id in (select private.member_client_ids())
  union
  select s.user_id from public.staff s
  where s.role = 'admin' and exists (select 1 from public.client_members cm where cm.user_id = (select auth.uid()))
$$;

comment on function private.visible_user_ids() is
  'People the caller may see the name of: co-members, engineers of the caller''s clients, and everyone who logged time for them.';
revoke execute on function private.visible_user_ids() from public, anon;
grant execute on function private.visible_user_ids() to authenticated, service_role;
