-- Reminders for unpaid invoices (issue 27): the practice sets a ladder of days after the due date (3, 7 and 14
-- by default; empty: no reminders); the daily cron (lib/billing/reminders.ts) emails the owners of an open
-- invoice, and its billing contact, once per rung reached, through the outbox. Each rung sent is a row of
-- public.invoice_reminders, written in the same transaction as the outbox rows and under the invoice's row
-- lock, so a rerun or a concurrent run never sends a rung twice and a payment that lands stops the ladder.
-- When the practice lets Stripe send its own reminders, Stripe invoices get Stripe's only; local ones ours.
alter table public.practice_settings
  add column reminder_days integer[] not null default '{3,7,14}'
    check (cardinality(reminder_days) <= 6 and array_position(reminder_days, null) is null
           and 1 <= all (reminder_days) and 365 >= all (reminder_days)),
  add column stripe_sends_reminders boolean not null default false;
comment on column public.practice_settings.reminder_days is
  'Days after an invoice''s due date (client zone) on which an unpaid invoice is reminded, ascending, each once; empty: never.';
comment on column public.practice_settings.stripe_sends_reminders is
  'The practice turned on Stripe''s own reminders: the portal sends none for Stripe invoices (local invoices still get its ladder).';

-- Admins edit them on /settings beside the other details (20261203000100_grant_only_what_the_pages_do.sql).
grant update (reminder_days, stripe_sends_reminders) on public.practice_settings to authenticated;

create table public.invoice_reminders (
  invoice_id uuid not null,
  client_id uuid not null,
  rung_days integer not null check (rung_days between 1 and 365),
  days_overdue integer not null check (days_overdue >= rung_days),
  recipients integer not null check (recipients >= 0),
  sent_at timestamptz not null default now(),
  primary key (invoice_id, rung_days),
  foreign key (invoice_id, client_id) references public.invoices (id, client_id) on delete cascade
);
alter table public.invoice_reminders enable row level security;
comment on table public.invoice_reminders is
  'One row per rung of the reminder ladder sent for an invoice, written by the cron (service role) with the outbox rows it queued.';
comment on column public.invoice_reminders.invoice_id is 'The invoice reminded.';
comment on column public.invoice_reminders.client_id is 'The invoice''s client (repeated for RLS).';
comment on column public.invoice_reminders.rung_days is 'The rung of the ladder: days after the due date it stands for.';
comment on column public.invoice_reminders.days_overdue is 'Days past the due date (client zone) when it was sent: above the rung when a run was late.';
comment on column public.invoice_reminders.recipients is 'How many emails were queued (owners and the billing contact).';
comment on column public.invoice_reminders.sent_at is 'Instant the reminder was queued (UTC).';
create index invoice_reminders_client_idx on public.invoice_reminders (client_id, invoice_id);

-- Read like the invoices they belong to (staff of the client and its owners; members nothing); written only
-- by the service role.
revoke all on public.invoice_reminders from anon, authenticated;
grant all on public.invoice_reminders to service_role;
grant select on public.invoice_reminders to authenticated;
create policy "Staff and owners read the reminders of their invoices"
  on public.invoice_reminders for select to authenticated
  using (
    client_id in (select private.staffed_client_ids())
    or client_id in (select private.owned_client_ids())
  );

-- The scheduled job that sends them is recorded like the others.
alter table public.job_runs drop constraint job_runs_job_check;
alter table public.job_runs add constraint job_runs_job_check check (job in ('close-months', 'send-mail', 'send-reminders'));
comment on column public.job_runs.job is 'Which job: close-months (the monthly close and Stripe push), send-mail (the outbox) or send-reminders (overdue invoices).';
