-- The security record is append-only (issue 29; ASVS 5.0 16.4.2): no role the app holds may change or delete a row.
-- Only the daily prune removes rows past their period, through a function that deletes nothing younger. Removing a
-- person or a client keeps their events (the link is cleared, the facts stay) until the prune takes them.
revoke delete on public.security_events from service_role;

alter table public.security_events drop constraint security_events_user_id_fkey;
alter table public.security_events add constraint security_events_user_id_fkey foreign key (user_id) references auth.users (id) on delete set null;
alter table public.security_events drop constraint security_events_client_id_fkey;
alter table public.security_events add constraint security_events_client_id_fkey foreign key (client_id) references public.clients (id) on delete set null;

-- The prune's one way in: rows older than 400 days (lib/domain/retention.ts), never a younger one whatever it is asked.
create function private.prune_security_events(p_before timestamptz) returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  n integer;
begin
  delete from public.security_events where at < least(p_before, now() - interval '400 days');
  get diagnostics n = row_count;
  return n;
end
$$;
revoke execute on function private.prune_security_events(timestamptz) from public, anon, authenticated;
grant execute on function private.prune_security_events(timestamptz) to service_role;
