-- Scheduled jobs leave a record (issue 30): a cron that never fires, or fails every night, was invisible. Each
-- run of /api/cron/* writes one row as the service role; admins read them on the Billing page.
create table public.job_runs (
  id uuid primary key default gen_random_uuid(),
  job text not null check (job in ('close-months', 'send-mail')),
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  ok boolean,
  summary jsonb not null default '{}'::jsonb,
  error text check (error is null or char_length(error) <= 2000)
);
alter table public.job_runs enable row level security;
comment on table public.job_runs is 'One row per run of a scheduled job (/api/cron/*), written by the service role; admins read them.';
comment on column public.job_runs.id is 'Run id.';
comment on column public.job_runs.job is 'Which job: close-months (the monthly close and Stripe push) or send-mail (the outbox).';
comment on column public.job_runs.started_at is 'Instant the run started (UTC).';
comment on column public.job_runs.finished_at is 'Instant it finished (UTC); null while running or if the process died.';
comment on column public.job_runs.ok is 'Whether it finished without an error; null while running.';
comment on column public.job_runs.summary is 'What it did, as counts (months closed, mails sent…).';
comment on column public.job_runs.error is 'The error it stopped on, for admins (no secrets: messages only).';
create index job_runs_job_started_idx on public.job_runs (job, started_at desc);

revoke all on public.job_runs from anon, authenticated;
grant all on public.job_runs to service_role;
grant select on public.job_runs to authenticated;
create policy "Admins read the practice's job runs"
  on public.job_runs for select to authenticated
  using ((select private.is_admin()));
