-- Personal API tokens (issue 22). A person creates them on /account: a name, scopes, optionally one client, an
-- expiry. The token is shown once; the table holds an HMAC of it keyed by the server secret (like invitation
-- links: a row written by anyone who lacks the secret matches no token), and the first characters to tell
-- tokens apart. Each API request looks its token up as the service role, then runs as the token's person
-- under RLS. Creating, revoking and the last-used time are the app's writes (service role): a token's hash,
-- scopes, client and expiry are no signed-in role's to write directly. Losing access revokes a person's
-- tokens with their sessions (the triggers of 20261203000200_revocable_sessions.sql).

create table public.api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 100),
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  prefix text not null check (prefix ~ '^rp_[A-Za-z0-9_-]{6}$'),
  scopes text[] not null check (
    cardinality(scopes) between 1 and 6
    and scopes <@ array['hours:read', 'hours:write', 'invoices:read', 'roadmap:read', 'updates:read']::text[]),
  client_id uuid references public.clients (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_used_at timestamptz,
  revoked_at timestamptz,
  check (expires_at > created_at and expires_at <= created_at + interval '366 days')
);
alter table public.api_tokens enable row level security;
comment on table public.api_tokens is 'Personal API tokens: an HMAC of each token, its scopes, optional client and expiry. Written by the app only.';
comment on column public.api_tokens.user_id is 'Whose token: API requests run as this person, under RLS.';
comment on column public.api_tokens.name is 'What the person called it ("Zapier", "accounting export").';
comment on column public.api_tokens.token_hash is 'HMAC-SHA256 of the token, keyed by the server secret; the token itself is never stored.';
comment on column public.api_tokens.prefix is 'The token''s first characters, to tell tokens apart on /account.';
comment on column public.api_tokens.scopes is 'What the token may do: hours:read, hours:write, invoices:read, roadmap:read, updates:read.';
comment on column public.api_tokens.client_id is 'The one client the token may reach; null: every client the person may.';
comment on column public.api_tokens.created_at is 'Instant of creation (UTC).';
comment on column public.api_tokens.expires_at is 'Instant after which the token is refused (UTC); at most a year after creation.';
comment on column public.api_tokens.last_used_at is 'Instant of the latest request with it (UTC, to the minute).';
comment on column public.api_tokens.revoked_at is 'When it was revoked: by its person, or by their losing access. Null while live.';
create index api_tokens_user_idx on public.api_tokens (user_id);
create index api_tokens_client_idx on public.api_tokens (client_id);

revoke all on public.api_tokens from anon, authenticated;
grant all on public.api_tokens to service_role;
grant select (id, user_id, name, prefix, scopes, client_id, created_at, expires_at, last_used_at, revoked_at) on public.api_tokens to authenticated;
create policy "People read their own tokens"
  on public.api_tokens for select to authenticated using (user_id = (select auth.uid()));

-- Losing access ends every session of that person, and now every token too.
create or replace function private.end_sessions_of_old_user() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  update private.sessions set revoked_at = now() where user_id = old.user_id and revoked_at is null;
  update public.api_tokens set revoked_at = now() where user_id = old.user_id and revoked_at is null;
  return null;
end
$$;
comment on function private.end_sessions_of_old_user() is
  'Trigger: a person who loses a membership, an assignment or a staff role is signed out everywhere and their API tokens are revoked.';
