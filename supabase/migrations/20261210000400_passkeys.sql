-- Passkeys (WebAuthn) as a second factor beside the authenticator app (issue 29; ASVS 5.0 6.3.3, 6.5.x, 6.6.x).
-- A person with a passkey or a confirmed app is asked for one of them after the emailed code; the ten recovery
-- codes cover losing all of them. The browser's authenticator keeps the private key; the app keeps the public key,
-- and the signature counter when the authenticator has one.
--
-- Both tables are the app's alone (service role). Nobody signed in reads or writes either: /account shows a
-- person's passkeys through the app, which reads them for that person only.

create table private.passkeys (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  -- The credential's id as the authenticator made it, base64url (WebAuthn allows up to 1023 bytes).
  credential_id text not null unique check (char_length(credential_id) between 16 and 1400),
  -- The COSE public key.
  public_key bytea not null check (octet_length(public_key) between 16 and 2048),
  -- The authenticator's signature counter (0 when it keeps none, as synced passkeys do).
  sign_count bigint not null default 0 check (sign_count >= 0),
  transports text[] not null default '{}' check (cardinality(transports) <= 8),
  -- What the person called it ("MacBook Touch ID", "YubiKey").
  name text not null check (char_length(name) between 1 and 60),
  created_at timestamptz not null default now(),
  last_used_at timestamptz
);
alter table private.passkeys enable row level security;
comment on table private.passkeys is 'Passkeys (WebAuthn public-key credentials) of people who use one as their second step. Service role only.';
create index passkeys_user_idx on private.passkeys (user_id);

-- The challenge of a ceremony in progress: one per person and purpose, replaced by the next and deleted when used,
-- so a signed answer counts once. Five minutes.
create table private.webauthn_challenges (
  user_id uuid not null references auth.users (id) on delete cascade,
  purpose text not null check (purpose in ('register', 'sign-in')),
  challenge text not null check (char_length(challenge) between 16 and 200),
  expires_at timestamptz not null,
  primary key (user_id, purpose)
);
alter table private.webauthn_challenges enable row level security;
comment on table private.webauthn_challenges is 'The open WebAuthn challenge of each person and purpose; deleted when answered. Service role only.';

revoke all on private.passkeys, private.webauthn_challenges from public, anon, authenticated;
grant select, insert, update, delete on private.passkeys, private.webauthn_challenges to service_role;
