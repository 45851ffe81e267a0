-- Audit trail, transactional email outbox, local sign-in codes and rate-limit counters.

create table public.audit_events (
  id bigint generated always as identity primary key,
  client_id uuid references public.clients (id) on delete cascade,
  actor_id uuid references public.profiles (id) on delete set null,
  action text not null check (char_length(action) between 1 and 100),
  entity text not null check (char_length(entity) between 1 and 100),
  entity_id text,
  data jsonb not null default '{}'::jsonb,
  at timestamptz not null default now()
);
alter table public.audit_events enable row level security;
comment on table public.audit_events is 'Append-only record of state changes a client could question. client_id null = practice-level.';
comment on column public.audit_events.data is 'What changed: before/after values (minutes, _cents integers).';
comment on column public.audit_events.at is 'Instant of the change (UTC).';
create index audit_events_client_idx on public.audit_events (client_id, at desc);
create index audit_events_actor_idx on public.audit_events (actor_id);

create table public.outbox (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (char_length(kind) between 1 and 100),
  client_id uuid references public.clients (id) on delete cascade,
  to_email text not null check (char_length(to_email) between 3 and 320),
  subject text not null check (char_length(subject) between 1 and 300),
  body_text text not null,
  body_html text,
  dedupe_key text unique,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  sent_at timestamptz,
  last_error text,
  created_at timestamptz not null default now()
);
alter table public.outbox enable row level security;
comment on table public.outbox is 'Transactional email, written in the same transaction as the change it reports. Service only.';
comment on column public.outbox.dedupe_key is 'At most one email per key (e.g. alert:<client>:<month>:<kind>).';
comment on column public.outbox.next_attempt_at is 'Earliest instant the sender may try again (UTC).';
create index outbox_pending_idx on public.outbox (next_attempt_at) where status = 'pending';
create index outbox_created_idx on public.outbox (created_at desc);
create index outbox_client_idx on public.outbox (client_id);

create table public.sign_in_codes (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  code_hash text not null,
  expires_at timestamptz not null,
  consumed_at timestamptz,
  failed_attempts integer not null default 0,
  created_at timestamptz not null default now()
);
alter table public.sign_in_codes enable row level security;
comment on table public.sign_in_codes is 'Local provider: one-time sign-in codes, stored as HMAC-SHA-256. Service only.';
comment on column public.sign_in_codes.expires_at is 'Instant the code stops working (UTC), 10 minutes after issue.';
create index sign_in_codes_email_idx on public.sign_in_codes (email, created_at desc);

create table public.rate_limit_hits (
  id bigint generated always as identity primary key,
  bucket text not null,
  at timestamptz not null default now()
);
alter table public.rate_limit_hits enable row level security;
comment on table public.rate_limit_hits is 'One row per counted attempt (bucket = kind:email or kind:ip); counted in Postgres so every app instance shares limits. Service only.';
create index rate_limit_hits_bucket_idx on public.rate_limit_hits (bucket, at desc);

revoke all on public.audit_events, public.outbox, public.sign_in_codes, public.rate_limit_hits from anon, authenticated;
grant all on public.audit_events, public.outbox, public.sign_in_codes, public.rate_limit_hits to service_role;

-- Append-only: authenticated may read and insert, never update or delete.
grant select, insert on public.audit_events to authenticated;
create policy "Staff read their clients' audit trail, owners their own client's, admins the practice's"
  on public.audit_events for select to authenticated
  using (
    client_id in (select private.staffed_client_ids())
    or client_id in (select private.owned_client_ids())
    or (client_id is null and (select private.is_admin()))
  );
create policy "People record their own actions on clients they can see"
  on public.audit_events for insert to authenticated
  with check (
    actor_id = (select auth.uid())
    and (
      client_id in (select private.readable_client_ids())
      or (client_id is null and (select private.is_staff()))
    )
  );
