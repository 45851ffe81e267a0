-- Sessions people can see and end, and security events on record (issue 29; ASVS 5.0 7.4.5, 7.5.2, 7.2.4,
-- 16.2.1, 16.3.1, 16.3.2).
--
-- A local session now remembers the browser and address it was started from and when it was last used, and
-- why it ended. The person reads their live sessions through private.own_sessions() (local ones from
-- private.sessions, hosted ones from GoTrue's auth.sessions) and ends them through the app's service role.
--
-- public.security_events is the record of sign-ins, failed sign-ins, code requests, ended sessions, refusals
-- and role changes. Only the app writes it (as the service role); a person reads their own events, an admin
-- the practice's.

alter table private.sessions
  add column user_agent text check (char_length(user_agent) <= 400),
  add column ip text check (char_length(ip) <= 64),
  add column last_seen_at timestamptz,
  add column ended_reason text check (ended_reason in ('signed_out', 'signed_out_everywhere', 'ended_by_self', 'ended_by_admin', 'replaced', 'access_removed'));
comment on column private.sessions.user_agent is 'The browser that signed in (its User-Agent, cut to 400 characters), shown to the person.';
comment on column private.sessions.ip is 'The address that signed in, or last used the session (lib/auth/client-ip); null when unknown.';
comment on column private.sessions.last_seen_at is 'Last request made with the session (UTC), written at most every few minutes; null until then.';
comment on column private.sessions.ended_reason is 'Why it ended, with revoked_at.';

-- Losing access ends sessions with a reason now. Restated from its latest definition (20261207000200_api_tokens):
-- the person's API tokens are revoked with their sessions, as before.
create or replace function private.end_sessions_of_old_user() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  update private.sessions set revoked_at = now(), ended_reason = 'access_removed' where user_id = old.user_id and revoked_at is null;
  update public.api_tokens set revoked_at = now() where user_id = old.user_id and revoked_at is null;
  return null;
end
$$;
revoke execute on function private.end_sessions_of_old_user() from public, anon, authenticated;

-- The caller's live sessions, newest use first: local ones, and hosted ones (GoTrue's rows, which carry the
-- same facts). `current` marks the one this request is made with.
create function private.own_sessions()
returns table (id uuid, created_at timestamptz, last_seen_at timestamptz, expires_at timestamptz, user_agent text, ip text, current boolean)
language sql stable security definer set search_path = ''
as $$
  with c as (select nullif(current_setting('request.jwt.claims', true), '')::jsonb as claims)
  select s.id, s.created_at, coalesce(s.last_seen_at, s.created_at), s.expires_at, s.user_agent, s.ip,
         coalesce(s.id::text = (c.claims ->> 'sid'), false)
  from private.sessions s, c
  where s.user_id = (select auth.uid()) and s.revoked_at is null and s.expires_at > now()
  union all
  select g.id, g.created_at, coalesce(g.refreshed_at at time zone 'UTC', g.updated_at, g.created_at),
         least(coalesce(g.not_after, 'infinity'), g.created_at + interval '30 days'), left(g.user_agent, 400), host(g.ip),
         coalesce(g.id::text = (c.claims ->> 'session_id'), false)
  from auth.sessions g, c
  where g.user_id = (select auth.uid()) and (g.not_after is null or g.not_after > now())
  order by 3 desc
$$;
revoke execute on function private.own_sessions() from public, anon;
grant execute on function private.own_sessions() to authenticated, service_role;

-- Ends sessions of one person, local and hosted, as the app's service role: one session (p_session) or every
-- one (null), except p_keep (the caller's own, for "end all others"). Returns how many ended.
create function private.end_sessions(p_user uuid, p_session uuid, p_keep uuid, p_reason text) returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  local_n integer;
  hosted_n integer;
begin
  update private.sessions set revoked_at = now(), ended_reason = p_reason
  where user_id = p_user and revoked_at is null
    and (p_session is null or id = p_session) and (p_keep is null or id <> p_keep);
  get diagnostics local_n = row_count;
  delete from auth.sessions
  where user_id = p_user and (p_session is null or id = p_session) and (p_keep is null or id <> p_keep);
  get diagnostics hosted_n = row_count;
  return local_n + hosted_n;
end
$$;
revoke execute on function private.end_sessions(uuid, uuid, uuid, text) from public, anon, authenticated;
grant execute on function private.end_sessions(uuid, uuid, uuid, text) to service_role;

create table public.security_events (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  kind text not null check (kind in (
    'code_requested', 'signed_in', 'sign_in_failed', 'invitation_used', 'session_ended', 'sessions_ended_by_admin',
    'access_refused', 'role_changed'
  )),
  outcome text not null check (outcome in ('ok', 'refused')),
  -- Whose account it is about (null: an address with no account yet).
  user_id uuid references auth.users (id) on delete cascade,
  email text check (char_length(email) <= 320),
  -- Who acted, when not the person themselves (an admin ending sessions or changing a role).
  actor_id uuid references auth.users (id) on delete set null,
  client_id uuid references public.clients (id) on delete cascade,
  ip text check (char_length(ip) <= 64),
  user_agent text check (char_length(user_agent) <= 400),
  detail text not null default '' check (char_length(detail) <= 300)
);
alter table public.security_events enable row level security;
comment on table public.security_events is 'Sign-ins, failed sign-ins, code requests, ended sessions, refusals and role changes (lib/security/events.ts). Written by the app only.';
comment on column public.security_events.kind is 'What happened (docs/LOGGING.md lists each kind and when it is written).';
comment on column public.security_events.outcome is 'ok, or refused (a wrong code, a limit, a refusal).';
comment on column public.security_events.detail is 'A short reason in words, never a secret, code or token.';
create index security_events_user_idx on public.security_events (user_id, at desc);
create index security_events_at_idx on public.security_events (at desc);
create index security_events_client_idx on public.security_events (client_id, at desc);
create index security_events_actor_idx on public.security_events (actor_id);

create policy "Own security events; admins read all" on public.security_events
  for select to authenticated using (user_id = (select auth.uid()) or (select private.is_admin()));

revoke all on public.security_events from public, anon, authenticated;
grant select on public.security_events to authenticated;
grant select, insert, delete on public.security_events to service_role;
