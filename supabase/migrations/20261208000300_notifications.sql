-- Notifications (issue 23): an inbox for each person, and how each person wants to hear of it by email.
--
-- A notification is written by the app (service role) in the same transaction as the change it reports: a
-- proposal, a comment, a question on an entry and its answers, a request for extra hours and its decision, a
-- published update and comments on it, an invoice issued, paid or overdue. It names its recipient, the client it is about, what
-- happened (a title and a short plain-text line) and where to look (a path in the portal). The recipient reads
-- their own, and only while they still belong to the client; marking read is the app's too (a command, as the
-- signed-in person, writes read_at as the service role): nobody signed in writes a row directly.
--
-- profiles.email_notifications: 'immediately' (an email per notification, through the outbox, as before),
-- 'daily' (one digest at 08:00 in the person's time zone), or 'off' (the inbox only). Each person sets their
-- own on /account (the profile's update policy keeps it to their own row).

alter table public.profiles add column email_notifications text not null default 'immediately'
  check (email_notifications in ('immediately', 'daily', 'off'));
comment on column public.profiles.email_notifications is
  'How the person hears of notifications by email: immediately, daily (a digest at 08:00 in their time zone) or off (inbox only).';
grant update (email_notifications) on public.profiles to authenticated;

create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  kind text not null check (kind in (
    'roadmap.proposed', 'roadmap.commented', 'entry.questioned', 'entry.question_answered',
    'extra_hours.requested', 'extra_hours.approved', 'extra_hours.declined', 'update.published',
    'invoice.issued', 'invoice.paid', 'invoice.overdue', 'update.commented')),
  title text not null check (char_length(title) between 1 and 300),
  body text not null default '' check (char_length(body) <= 600),
  href text not null check (href ~ '^/[^/\\]' and char_length(href) <= 500),
  dedupe_key text not null unique check (char_length(dedupe_key) between 1 and 400),
  mail text not null check (mail in ('sent', 'digest', 'digested', 'none')),
  created_at timestamptz not null default now(),
  read_at timestamptz
);
alter table public.notifications enable row level security;
comment on table public.notifications is 'A person''s inbox: what happened on a client that concerns them (issue 23). Written by the app only.';
comment on column public.notifications.client_id is 'The client it is about.';
comment on column public.notifications.user_id is 'Who it is for.';
comment on column public.notifications.kind is 'What happened.';
comment on column public.notifications.title is 'One line saying what happened (plain text).';
comment on column public.notifications.body is 'A short excerpt: the reason, the comment, the question (plain text).';
comment on column public.notifications.href is 'Where in the portal to look (a path on this site).';
comment on column public.notifications.dedupe_key is 'At most one notification per event and person.';
comment on column public.notifications.mail is 'Its email: sent (immediately), digest (waiting for the daily digest), digested, none (off, or the event mails itself).';
comment on column public.notifications.created_at is 'Instant it happened (UTC).';
comment on column public.notifications.read_at is 'Instant the person marked it read (UTC), or null while unread.';
create index notifications_client_idx on public.notifications (client_id);
create index notifications_user_idx on public.notifications (user_id, created_at desc);
create index notifications_unread_idx on public.notifications (user_id) where read_at is null;
create index notifications_digest_idx on public.notifications (user_id) where mail = 'digest';

revoke all on public.notifications from anon, authenticated;
grant all on public.notifications to service_role;
grant select on public.notifications to authenticated;
create policy "People read their own notifications while on the client"
  on public.notifications for select to authenticated
  using (user_id = (select auth.uid()) and client_id in (select private.readable_client_ids()));

-- The digest is a scheduled job of its own (hourly: it finds whoever's 08:00 has come).
alter table public.job_runs drop constraint job_runs_job_check;
alter table public.job_runs add constraint job_runs_job_check check (job in ('close-months', 'send-mail', 'send-reminders', 'send-webhooks', 'send-digests'));
comment on column public.job_runs.job is 'Which job: close-months, send-mail (the outbox), send-reminders (overdue invoices), send-webhooks or send-digests (daily notification emails).';
