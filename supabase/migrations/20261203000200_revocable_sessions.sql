-- Revocable sessions for the local sign-in provider (the embedded default). A session cookie is a signed
-- token naming a row here (claim `sid`); the app's per-request viewer query asks private.session_live(),
-- so sign-out, "sign out everywhere" and removing a person's access end a stolen cookie at once, and no
-- session outlives 30 days however often it slides. Under Supabase Auth the claims carry no `sid`: GoTrue
-- owns those sessions (sign-out revokes them there), and the function answers true.

create table private.sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  -- The absolute lifetime: the token's sliding 7 days never reach past it.
  expires_at timestamptz not null,
  revoked_at timestamptz,
  check (expires_at > created_at)
);
alter table private.sessions enable row level security;
comment on table private.sessions is 'Local sign-in sessions; the session cookie names one by id. Service role only.';
comment on column private.sessions.id is 'Session id, the `sid` claim of the session token.';
comment on column private.sessions.user_id is 'Who signed in.';
comment on column private.sessions.created_at is 'Sign-in instant (UTC).';
comment on column private.sessions.expires_at is 'Absolute end (UTC): 30 days after sign-in.';
comment on column private.sessions.revoked_at is 'When it was ended: sign-out, sign-out everywhere, or the person losing access. Null while live.';
create index sessions_user_idx on private.sessions (user_id) where revoked_at is null;

revoke all on private.sessions from public, anon, authenticated;
grant select, insert, update, delete on private.sessions to service_role;

-- Whether the caller's session (the `sid` of the request's claims) is live. Called by the viewer query
-- every page view and action already makes, so the check costs no round trip of its own.
create function private.session_live() returns boolean
language sql stable security definer set search_path = ''
as $$
  select case
    when nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sid' is null then true
    else exists (
      select 1 from private.sessions s
      where s.id = (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sid')::uuid
        and s.user_id = (select auth.uid())
        and s.revoked_at is null
        and s.expires_at > now()
    )
  end
$$;
revoke execute on function private.session_live() from public, anon;
grant execute on function private.session_live() to authenticated, service_role;

-- Losing access ends every session of that person: a membership or an engineer assignment removed, a staff
-- role removed, an admin demoted. (Deleting the person deletes their sessions with them.)
create function private.end_sessions_of_old_user() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  update private.sessions set revoked_at = now() where user_id = old.user_id and revoked_at is null;
  return null;
end
$$;
revoke execute on function private.end_sessions_of_old_user() from public, anon, authenticated;

create trigger client_members_end_sessions after delete on public.client_members
  for each row execute function private.end_sessions_of_old_user();
create trigger client_engineers_end_sessions after delete on public.client_engineers
  for each row execute function private.end_sessions_of_old_user();
create trigger staff_end_sessions after delete on public.staff
  for each row execute function private.end_sessions_of_old_user();
create trigger staff_demotion_ends_sessions after update of role on public.staff
  for each row when (old.role = 'admin' and new.role <> 'admin') execute function private.end_sessions_of_old_user();
