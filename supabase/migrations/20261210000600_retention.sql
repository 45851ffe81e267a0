-- Retention (issue 29; ASVS 5.0 14.1.2, 16.1.1): a daily job, /api/cron/prune, deletes or empties what the app no
-- longer needs, by the periods in lib/domain/retention.ts (docs/SECURITY.md, "What the app holds"). Each run is
-- recorded in job_runs like the other jobs.
alter table public.job_runs drop constraint job_runs_job_check;
alter table public.job_runs add constraint job_runs_job_check check (job in ('close-months', 'send-mail', 'send-reminders', 'send-webhooks', 'send-digests', 'prune'));

-- The prune deletes old rows by time: these keep it an index range, not a scan, as the tables grow.
create index if not exists rate_limit_hits_at_idx on public.rate_limit_hits (at);
create index if not exists outbox_sent_idx on public.outbox (sent_at) where sent_at is not null;
