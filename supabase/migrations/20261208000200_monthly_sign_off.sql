-- Monthly sign-off (issue 23). A practice setting gives owners a review window after each month ends (0 days, the
-- default: the month closes at once, as before). During it owners confirm the month, or question entries: a
-- question opens a thread on the entry that the engineer answers (with an explanation, an edit, a void or a
-- correction) and resolves. The close (the cron and the Billing page alike) waits until the window ends or every
-- owner confirmed, never longer; questions still open are listed on the close preview. Every write is the app's
-- (service role) inside the command that authorized it; the client's people and staff read them.

alter table public.practice_settings add column review_days integer not null default 0 check (review_days between 0 and 14);
comment on column public.practice_settings.review_days is
  'Days after a month ends during which owners review it before it closes (0: it closes at once). Closing never waits longer.';
-- Admins set it on /settings, as the rest of the practice's details (the policy on the row keeps it to admins).
grant update (review_days) on public.practice_settings to authenticated;

create table public.month_confirmations (
  client_id uuid not null references public.clients (id) on delete cascade,
  month date not null check (extract(day from month) = 1),
  user_id uuid not null references public.profiles (id) on delete cascade,
  confirmed_at timestamptz not null default now(),
  primary key (client_id, month, user_id)
);
alter table public.month_confirmations enable row level security;
comment on table public.month_confirmations is 'An owner confirmed a month''s statement during the review window (issue 23). Written by the app only.';
comment on column public.month_confirmations.client_id is 'The client whose month it is.';
comment on column public.month_confirmations.month is 'The month confirmed (its 1st, client zone).';
comment on column public.month_confirmations.user_id is 'The owner who confirmed it.';
comment on column public.month_confirmations.confirmed_at is 'Instant of the confirmation (UTC).';

create table public.entry_questions (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  entry_id uuid not null,
  month date not null check (extract(day from month) = 1),
  opened_by uuid not null references public.profiles (id),
  opened_at timestamptz not null default now(),
  status text not null default 'open' check (status in ('open', 'resolved')),
  resolved_by uuid references public.profiles (id),
  resolved_at timestamptz,
  foreign key (entry_id, client_id) references public.time_entries (id, client_id) on delete cascade,
  check ((status = 'resolved') = (resolved_by is not null and resolved_at is not null))
);
alter table public.entry_questions enable row level security;
comment on table public.entry_questions is 'An owner questioned a time entry before it is billed; the thread is in entry_question_messages. Written by the app only.';
comment on column public.entry_questions.client_id is 'The client of the entry.';
comment on column public.entry_questions.entry_id is 'The entry questioned.';
comment on column public.entry_questions.month is 'The month of the entry (its 1st, client zone): the month whose close lists the question while open.';
comment on column public.entry_questions.opened_by is 'The owner who asked.';
comment on column public.entry_questions.opened_at is 'Instant of the question (UTC).';
comment on column public.entry_questions.status is 'open until resolved by the engineer (or the owner who asked).';
comment on column public.entry_questions.resolved_by is 'Who resolved it.';
comment on column public.entry_questions.resolved_at is 'Instant it was resolved (UTC).';
create index entry_questions_client_month_idx on public.entry_questions (client_id, month);
create index entry_questions_entry_idx on public.entry_questions (entry_id);

create table public.entry_question_messages (
  id uuid primary key default gen_random_uuid(),
  question_id uuid not null references public.entry_questions (id) on delete cascade,
  client_id uuid not null references public.clients (id) on delete cascade,
  author_id uuid not null references public.profiles (id),
  body text not null check (char_length(body) between 1 and 2000),
  created_at timestamptz not null default now()
);
alter table public.entry_question_messages enable row level security;
comment on table public.entry_question_messages is 'The thread of a question on an entry: the owner''s question, answers and replies. Written by the app only.';
comment on column public.entry_question_messages.question_id is 'The question the message belongs to.';
comment on column public.entry_question_messages.client_id is 'The client (as the question''s), for RLS.';
comment on column public.entry_question_messages.author_id is 'Who wrote it.';
comment on column public.entry_question_messages.body is 'What they wrote (plain text).';
comment on column public.entry_question_messages.created_at is 'Instant it was written (UTC).';
create index entry_question_messages_question_idx on public.entry_question_messages (question_id, created_at);
create index entry_question_messages_client_idx on public.entry_question_messages (client_id);

revoke all on public.month_confirmations, public.entry_questions, public.entry_question_messages from anon, authenticated;
grant all on public.month_confirmations, public.entry_questions, public.entry_question_messages to service_role;
grant select on public.month_confirmations, public.entry_questions, public.entry_question_messages to authenticated;
create policy "The client's people and staff read its confirmations"
  on public.month_confirmations for select to authenticated using (client_id in (select private.readable_client_ids()));
create policy "The client's people and staff read its questions"
  on public.entry_questions for select to authenticated using (client_id in (select private.readable_client_ids()));
create policy "The client's people and staff read its question threads"
  on public.entry_question_messages for select to authenticated using (client_id in (select private.readable_client_ids()));

-- The client's pages show confirmations and questions: a change renders them again.
create constraint trigger month_confirmations_bump_version after insert or update or delete on public.month_confirmations
  deferrable initially deferred for each row execute function private.bump_client_data_version();
create constraint trigger entry_questions_bump_version after insert or update or delete on public.entry_questions
  deferrable initially deferred for each row execute function private.bump_client_data_version();
create constraint trigger entry_question_messages_bump_version after insert or update or delete on public.entry_question_messages
  deferrable initially deferred for each row execute function private.bump_client_data_version();
