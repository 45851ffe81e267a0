-- Sign-out that bites under Supabase Auth (issue 30). A hosted access token names its GoTrue session in the
-- `session_id` claim; GoTrue deletes that row from auth.sessions on sign-out (this device), "sign out
-- everywhere" (every row of the person) and when it ends a session itself (its time-box, `not_after`).
-- The viewer query every page view and action already makes asks private.session_live(), which now checks
-- that row too: a revoked token stops at its next request, not when it expires an hour later.
--
-- The app also holds hosted sessions to the same lifetimes as its own (20261203000200_revocable_sessions):
-- none outlives 30 days from sign-in, and one unused for 7 days (no refresh, no update) is over, whatever
-- the Supabase project's settings are (README says to set the same time-box and inactivity timeout there).
--
-- A token with neither claim (a script's or a test's claims, never a browser's: lib/auth/supabase refuses
-- hosted claims without a session id) is not a session and answers true, as before.

create or replace function private.session_live() returns boolean
language sql stable security definer set search_path = ''
as $$
  with c as (select nullif(current_setting('request.jwt.claims', true), '')::jsonb as claims)
  select case
    when c.claims ->> 'sid' is not null then exists (
      select 1 from private.sessions s
      where s.id = (c.claims ->> 'sid')::uuid
        and s.user_id = (select auth.uid())
        and s.revoked_at is null
        and s.expires_at > now()
    )
    when c.claims ->> 'session_id' is not null then exists (
      select 1 from auth.sessions s
      where c.claims ->> 'session_id' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        and s.id = (c.claims ->> 'session_id')::uuid
        and s.user_id = (select auth.uid())
        and (s.not_after is null or s.not_after > now())
        and coalesce(s.created_at, now()) > now() - interval '30 days'
        and greatest(s.created_at, s.updated_at, s.refreshed_at at time zone 'UTC') > now() - interval '7 days'
    )
    else true
  end
  from c
$$;
comment on function private.session_live() is
  'Whether the request''s session is live: a local session (claim sid) in private.sessions, or a Supabase Auth session (claim session_id) in auth.sessions within 30 days of sign-in and 7 days of use.';
revoke execute on function private.session_live() from public, anon;
grant execute on function private.session_live() to authenticated, service_role;
