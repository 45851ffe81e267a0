-- A second factor (issue 29; ASVS 5.0 6.3.3, 6.5.x, 6.4.x): an authenticator app (TOTP, RFC 6238) with recovery
-- codes. After the emailed code, a person with a confirmed factor is asked for it before any session starts; the
-- session records how it was reached (aal1: the emailed code or an invitation link; aal2: and the factor).
--
-- Both tables are the app's alone (service role): the TOTP secret is stored sealed (lib/platform/secret-box, a key
-- of its own derived from the server secret), recovery codes as HMACs. Nobody signed in reads or writes either.

create table private.totp_factors (
  user_id uuid primary key references auth.users (id) on delete cascade,
  -- "v1.<iv>.<ciphertext>": AES-256-GCM under the "totp-secret" key (lib/platform/secret-box).
  secret_sealed text not null check (char_length(secret_sealed) <= 400),
  created_at timestamptz not null default now(),
  -- Null while being set up: an unconfirmed factor is never asked for at sign-in.
  confirmed_at timestamptz,
  -- The last time step a code was accepted for: a code works once (a replay of the same or an older step fails).
  last_time_step bigint
);
alter table private.totp_factors enable row level security;
comment on table private.totp_factors is 'Authenticator-app factors (TOTP), one per person; the secret sealed. Service role only.';
comment on column private.totp_factors.confirmed_at is 'When the person proved the app works (typed a code); null while setting up.';
comment on column private.totp_factors.last_time_step is 'Time step (30 s) of the last accepted code: no code is accepted twice.';

create table private.recovery_codes (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  -- HMAC-SHA256 of the code under the "recovery-code" key (lib/auth/second-factor).
  code_hash text not null check (char_length(code_hash) = 64),
  created_at timestamptz not null default now(),
  used_at timestamptz
);
alter table private.recovery_codes enable row level security;
comment on table private.recovery_codes is 'One-time recovery codes for a lost authenticator, stored as HMACs. Service role only.';
create index recovery_codes_user_idx on private.recovery_codes (user_id) where used_at is null;

revoke all on private.totp_factors, private.recovery_codes from public, anon, authenticated;
grant select, insert, update, delete on private.totp_factors, private.recovery_codes to service_role;

alter table private.sessions add column aal text not null default 'aal1' check (aal in ('aal1', 'aal2'));
comment on column private.sessions.aal is 'aal1: signed in with an emailed code or an invitation link; aal2: and a second factor.';

-- The security record's new kinds.
alter table public.security_events drop constraint security_events_kind_check;
alter table public.security_events add constraint security_events_kind_check check (kind in (
  'code_requested', 'signed_in', 'sign_in_failed', 'invitation_used', 'session_ended', 'sessions_ended_by_admin',
  'access_refused', 'role_changed',
  'factor_enrolled', 'factor_used', 'factor_failed', 'factor_removed', 'factor_reset', 'recovery_codes_renewed'
));

-- The session list says which sessions were reached with the second factor.
drop function private.own_sessions();
create function private.own_sessions()
returns table (id uuid, created_at timestamptz, last_seen_at timestamptz, expires_at timestamptz, user_agent text, ip text, current boolean, aal text)
language sql stable security definer set search_path = ''
as $$
  with c as (select nullif(current_setting('request.jwt.claims', true), '')::jsonb as claims)
  select s.id, s.created_at, coalesce(s.last_seen_at, s.created_at), s.expires_at, s.user_agent, s.ip,
         coalesce(s.id::text = (c.claims ->> 'sid'), false), s.aal
  from private.sessions s, c
  where s.user_id = (select auth.uid()) and s.revoked_at is null and s.expires_at > now()
  union all
  select g.id, g.created_at, coalesce(g.refreshed_at at time zone 'UTC', g.updated_at, g.created_at),
         least(coalesce(g.not_after, 'infinity'), g.created_at + interval '30 days'), left(g.user_agent, 400), host(g.ip),
         coalesce(g.id::text = (c.claims ->> 'session_id'), false), coalesce(g.aal, 'aal1')
  from auth.sessions g, c
  where g.user_id = (select auth.uid()) and (g.not_after is null or g.not_after > now())
  order by 3 desc
$$;
revoke execute on function private.own_sessions() from public, anon;
grant execute on function private.own_sessions() to authenticated, service_role;

-- How the caller's session was reached, read with the viewer every page view and action makes (lib/db/viewer):
-- 'aal2' with a second factor, 'aal1' without. Claims that name no session (a script's or a test's, never a
-- browser's) are no sign-in at all and answer 'aal2', as private.session_live() answers true for them. Hosted
-- sessions answer GoTrue's own level.
create function private.session_aal() returns text
language sql stable security definer set search_path = ''
as $$
  with c as (select nullif(current_setting('request.jwt.claims', true), '')::jsonb as claims)
  select case
    when c.claims ->> 'sid' is not null then coalesce((
      select s.aal from private.sessions s
      where s.id = (c.claims ->> 'sid')::uuid and s.user_id = (select auth.uid())), 'aal1')
    when c.claims ->> 'session_id' is not null then coalesce((
      select g.aal from auth.sessions g
      where c.claims ->> 'session_id' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        and g.id = (c.claims ->> 'session_id')::uuid and g.user_id = (select auth.uid())), 'aal1')
    else 'aal2'
  end
  from c
$$;
revoke execute on function private.session_aal() from public, anon;
grant execute on function private.session_aal() to authenticated, service_role;
