-- Signed webhooks (issue 22). Admins add endpoints and pick events named after the audit trail's actions
-- (entry.created, entry.voided, month.closed, invoice.paid, update.published, roadmap.proposed, …). Every audit
-- event queues one delivery per endpoint that wants it, in the same transaction (a trigger), so a change and its
-- webhooks commit together; a worker (lib/webhooks/deliver.ts) sends them signed, at least once, in order per
-- endpoint, retrying with backoff. Endpoints, their signing secrets and deliveries are written by the app only
-- (service role); admins read endpoints (never the secret) and the delivery log.

create table public.webhook_endpoints (
  id uuid primary key default gen_random_uuid(),
  url text not null check (char_length(url) between 10 and 2000 and url ~ '^https?://'),
  events text[] not null check (cardinality(events) between 1 and 50 and array_position(events, null) is null),
  secret text not null check (secret ~ '^whsec_[A-Za-z0-9_-]{43}$'),
  description text not null default '' check (char_length(description) <= 200),
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  disabled_at timestamptz
);
alter table public.webhook_endpoints enable row level security;
comment on table public.webhook_endpoints is 'Where the practice''s webhooks go: a URL, the events it wants, the secret deliveries are signed with.';
comment on column public.webhook_endpoints.url is 'https URL (http only to loopback in tests); checked again at each delivery, after DNS.';
comment on column public.webhook_endpoints.events is 'Audit actions it receives (entry.created, invoice.paid, …).';
comment on column public.webhook_endpoints.secret is 'Signing secret (whsec_…): shown to the admin once; the service role only reads it.';
comment on column public.webhook_endpoints.description is 'What the admin called it.';
comment on column public.webhook_endpoints.created_by is 'The admin who added it.';
comment on column public.webhook_endpoints.created_at is 'Instant it was added (UTC).';
comment on column public.webhook_endpoints.disabled_at is 'When it was turned off; null while it receives events.';
create index webhook_endpoints_created_by_idx on public.webhook_endpoints (created_by);

create table public.webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  endpoint_id uuid not null references public.webhook_endpoints (id) on delete cascade,
  event text not null,
  client_id uuid references public.clients (id) on delete cascade,
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  leased_until timestamptz,
  last_status integer,
  last_error text check (last_error is null or char_length(last_error) <= 500),
  delivered_at timestamptz,
  created_at timestamptz not null default now(),
  seq bigint generated always as identity
);
alter table public.webhook_deliveries enable row level security;
comment on table public.webhook_deliveries is 'One event for one endpoint: its signed body, and each attempt''s outcome. At least once, in order per endpoint.';
comment on column public.webhook_deliveries.id is 'The event''s id (Webhook-Id header and payload.id): receivers deduplicate on it.';
comment on column public.webhook_deliveries.event is 'The audit action it carries.';
comment on column public.webhook_deliveries.client_id is 'The client it is about, if any.';
comment on column public.webhook_deliveries.payload is 'The JSON body sent.';
comment on column public.webhook_deliveries.status is 'pending (to send or retry), delivered (2xx), failed (gave up after the last retry).';
comment on column public.webhook_deliveries.attempts is 'Attempts so far.';
comment on column public.webhook_deliveries.next_attempt_at is 'Not before this instant (UTC): backoff after a failure.';
comment on column public.webhook_deliveries.leased_until is 'A worker is sending it until this instant (UTC); another worker leaves it alone.';
comment on column public.webhook_deliveries.last_status is 'HTTP status of the latest attempt; null when it never got one (timeout, refused address).';
comment on column public.webhook_deliveries.last_error is 'Why the latest attempt failed.';
comment on column public.webhook_deliveries.delivered_at is 'Instant a 2xx came back (UTC).';
comment on column public.webhook_deliveries.created_at is 'Instant the event happened (UTC).';
comment on column public.webhook_deliveries.seq is 'Order of events: deliveries of one endpoint go out in this order.';
create index webhook_deliveries_due_idx on public.webhook_deliveries (endpoint_id, seq) where status = 'pending';
create index webhook_deliveries_recent_idx on public.webhook_deliveries (created_at desc);
create index webhook_deliveries_client_idx on public.webhook_deliveries (client_id);

revoke all on public.webhook_endpoints, public.webhook_deliveries from anon, authenticated;
grant all on public.webhook_endpoints, public.webhook_deliveries to service_role;
grant select (id, url, events, description, created_by, created_at, disabled_at) on public.webhook_endpoints to authenticated;
grant select (id, endpoint_id, event, client_id, status, attempts, next_attempt_at, last_status, last_error, delivered_at, created_at, seq)
  on public.webhook_deliveries to authenticated;
create policy "Admins read the webhook endpoints"
  on public.webhook_endpoints for select to authenticated using ((select private.is_admin()));
create policy "Admins read the webhook deliveries"
  on public.webhook_deliveries for select to authenticated using ((select private.is_admin()));

-- Every audit event queues its webhooks, in the transaction that recorded it.
create function private.enqueue_webhooks() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.webhook_deliveries (id, endpoint_id, event, client_id, payload)
  select d.id, e.id, new.action, new.client_id,
         jsonb_build_object('id', d.id, 'type', new.action, 'created_at', new.at, 'client_id', new.client_id,
                            'data', jsonb_build_object('entity', new.entity, 'entity_id', new.entity_id, 'details', new.data))
  from public.webhook_endpoints e
  cross join lateral (select gen_random_uuid() as id) d
  where e.disabled_at is null and new.action = any (e.events);
  return null;
end
$$;
revoke execute on function private.enqueue_webhooks() from public, anon, authenticated;
comment on function private.enqueue_webhooks() is 'Trigger: queues a delivery of an audit event to every live endpoint that wants its action.';
create trigger audit_events_enqueue_webhooks after insert on public.audit_events
  for each row execute function private.enqueue_webhooks();

alter table public.job_runs drop constraint job_runs_job_check;
alter table public.job_runs add constraint job_runs_job_check check (job in ('close-months', 'send-mail', 'send-reminders', 'send-webhooks'));
comment on column public.job_runs.job is 'Which job: close-months, send-mail (the outbox), send-reminders (overdue invoices) or send-webhooks.';
