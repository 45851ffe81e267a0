-- Where the client already talks (issue 23).
--
-- Slack: a client's owner (or its staff) connects a Slack incoming webhook. Its URL is a secret (whoever has it
-- posts into the channel), so it is stored encrypted by the app (AES-256-GCM, lib/platform/secret-box) and never
-- readable by anyone signed in; the page shows a hint of it. Published updates, requests for extra hours and issued
-- invoices are queued in slack_deliveries in the transaction of the change and posted after it commits, retried
-- with backoff; a failure is recorded on the connection, and never blocks what caused it.
--
-- Email replies: an update's email carries a reply address signed for its recipient; a reply from that person's
-- address becomes a comment on the update (update_comments), also written on the page by the client's people and
-- staff. inbound_emails records every inbound message and what became of it (a comment, or why it was refused).
-- Every write is the app's (service role) inside the command or route that authorized it.

-- Where a reply to an email goes (an update's email: the signed reply address); null: the sender's own address.
alter table public.outbox add column reply_to text check (char_length(reply_to) between 3 and 320);
comment on column public.outbox.reply_to is 'The Reply-To address (an update''s email: its signed reply address), or null.';

create table public.client_slack (
  client_id uuid primary key references public.clients (id) on delete cascade,
  webhook_url_encrypted text not null check (char_length(webhook_url_encrypted) between 20 and 2000),
  url_hint text not null check (char_length(url_hint) between 1 and 200),
  events text[] not null default array['update.published', 'extra_hours.requested', 'invoice.issued']
    check (events <@ array['update.published', 'extra_hours.requested', 'invoice.issued']::text[] and cardinality(events) > 0),
  connected_by uuid references public.profiles (id) on delete set null,
  connected_at timestamptz not null default now(),
  last_sent_at timestamptz,
  last_error text check (char_length(last_error) <= 500),
  last_error_at timestamptz
);
alter table public.client_slack enable row level security;
comment on table public.client_slack is 'A client''s Slack incoming webhook (issue 23). The URL is encrypted by the app; written by the app only.';
comment on column public.client_slack.webhook_url_encrypted is 'The webhook URL, AES-256-GCM under a key derived from the server secret (v1.<iv>.<ciphertext>). Never granted to anyone signed in.';
comment on column public.client_slack.url_hint is 'What the page shows of the URL: its host and the last four characters.';
comment on column public.client_slack.events is 'What is posted: published updates, requests for extra hours, issued invoices.';
comment on column public.client_slack.connected_by is 'Who connected it.';
comment on column public.client_slack.connected_at is 'When it was connected (UTC).';
comment on column public.client_slack.last_sent_at is 'When a message last reached Slack (UTC).';
comment on column public.client_slack.last_error is 'Why the last message did not reach Slack, if it did not.';
comment on column public.client_slack.last_error_at is 'When that failure happened (UTC).';

create table public.slack_deliveries (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  event text not null check (event in ('update.published', 'extra_hours.requested', 'invoice.issued')),
  dedupe_key text not null unique check (char_length(dedupe_key) between 1 and 300),
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  last_error text check (char_length(last_error) <= 500),
  sent_at timestamptz,
  created_at timestamptz not null default now()
);
alter table public.slack_deliveries enable row level security;
comment on table public.slack_deliveries is 'Slack messages queued with the change they report, posted after it commits (issue 23). Service only.';
comment on column public.slack_deliveries.event is 'What happened.';
comment on column public.slack_deliveries.dedupe_key is 'At most one message per event.';
comment on column public.slack_deliveries.payload is 'The message as Slack takes it ({text, blocks}).';
comment on column public.slack_deliveries.status is 'pending until Slack took it (sent) or the attempts ran out (failed).';
comment on column public.slack_deliveries.next_attempt_at is 'Earliest instant to try again (UTC).';
create index slack_deliveries_client_idx on public.slack_deliveries (client_id);
create index slack_deliveries_pending_idx on public.slack_deliveries (next_attempt_at) where status = 'pending';

-- A comment names its update and client together, so it can never point at another client's update.
alter table public.weekly_updates add constraint weekly_updates_id_client_key unique (id, client_id);

create table public.update_comments (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  update_id uuid not null,
  author_id uuid not null references public.profiles (id),
  body text not null check (char_length(body) between 1 and 5000),
  via text not null default 'portal' check (via in ('portal', 'email')),
  created_at timestamptz not null default now(),
  foreign key (update_id, client_id) references public.weekly_updates (id, client_id) on delete cascade
);
alter table public.update_comments enable row level security;
comment on table public.update_comments is 'Comments on a published weekly update, written in the portal or by replying to its email (issue 23). Written by the app only.';
comment on column public.update_comments.update_id is 'The update commented on.';
comment on column public.update_comments.author_id is 'Who wrote it.';
comment on column public.update_comments.body is 'What they wrote (plain text; a reply''s quoted part removed).';
comment on column public.update_comments.via is 'Written on the page, or a reply to the update''s email.';
create index update_comments_client_idx on public.update_comments (client_id);
create index update_comments_update_idx on public.update_comments (update_id, created_at);

create table public.inbound_emails (
  id uuid primary key default gen_random_uuid(),
  client_id uuid references public.clients (id) on delete cascade,
  message_id text check (char_length(message_id) <= 300),
  from_address text check (char_length(from_address) <= 320),
  outcome text not null check (outcome in ('comment', 'refused')),
  reason text check (char_length(reason) <= 300),
  comment_id uuid references public.update_comments (id) on delete set null,
  received_at timestamptz not null default now()
);
alter table public.inbound_emails enable row level security;
comment on table public.inbound_emails is 'Every email received at the reply address and what became of it (issue 23). Service only.';
comment on column public.inbound_emails.message_id is 'The message''s Message-ID header: a second delivery of the same message adds nothing.';
comment on column public.inbound_emails.outcome is 'It became a comment, or it was refused (the reason says why).';
create index inbound_emails_client_idx on public.inbound_emails (client_id);
create unique index inbound_emails_message_idx on public.inbound_emails (message_id) where outcome = 'comment';

revoke all on public.client_slack, public.slack_deliveries, public.update_comments, public.inbound_emails from anon, authenticated;
grant all on public.client_slack, public.slack_deliveries, public.update_comments, public.inbound_emails to service_role;
grant select (client_id, url_hint, events, connected_by, connected_at, last_sent_at, last_error, last_error_at) on public.client_slack to authenticated;
grant select on public.update_comments to authenticated;
create policy "Owners and staff see the client's Slack connection"
  on public.client_slack for select to authenticated
  using (client_id in (select private.staffed_client_ids()) or client_id in (select private.owned_client_ids()));
create policy "The client's people and staff read comments on its updates"
  on public.update_comments for select to authenticated using (client_id in (select private.readable_client_ids()));

create constraint trigger client_slack_bump_version after insert or update or delete on public.client_slack
  deferrable initially deferred for each row execute function private.bump_client_data_version();
create constraint trigger update_comments_bump_version after insert or update or delete on public.update_comments
  deferrable initially deferred for each row execute function private.bump_client_data_version();
