-- A timer that cannot run away (issue 25). One running timer per person, kept on the server so it survives a
-- reload and follows the person to another device. Starting, stopping and discarding are the app's writes (service
-- role, inside the command that authorized them: lib/hours/timer.ts): the start instant is the database's clock,
-- so nobody backdates a timer, and nobody signed in writes a timer row, an instant or another person's id
-- directly. Stopping turns it into an ordinary entry through the same code as the log-time dialog. Each person
-- reads only their own timer; an owner never sees that one is running.

create table public.running_timers (
  user_id uuid primary key references public.profiles (id) on delete cascade,
  client_id uuid not null references public.clients (id) on delete cascade,
  roadmap_item_id uuid,
  description text not null check (char_length(description) between 1 and 2000),
  category text not null check (category in ('build', 'maintenance', 'audit', 'meeting', 'training', 'support')),
  billable boolean not null default true,
  started_at timestamptz not null default now(),
  foreign key (roadmap_item_id, client_id) references public.roadmap_items (id, client_id) on delete set null (roadmap_item_id)
);
alter table public.running_timers enable row level security;
comment on table public.running_timers is
  'The timer each person has running (at most one), until they stop it (an entry) or discard it (issue 25). Written by the app only.';
comment on column public.running_timers.user_id is 'Whose timer: the engineer who started it.';
comment on column public.running_timers.client_id is 'The client the time is for.';
comment on column public.running_timers.roadmap_item_id is 'The roadmap item the time is for, if any.';
comment on column public.running_timers.description is 'What the entry will say.';
comment on column public.running_timers.category is 'The entry''s category.';
comment on column public.running_timers.billable is 'Whether the entry will count against the retainer.';
comment on column public.running_timers.started_at is 'When it started: the database''s clock at the start (UTC).';
create index running_timers_client_idx on public.running_timers (client_id);

revoke all on public.running_timers from anon, authenticated;
grant all on public.running_timers to service_role;
grant select (user_id, client_id, roadmap_item_id, description, category, billable, started_at) on public.running_timers to authenticated;
create policy "Each person reads their own running timer"
  on public.running_timers for select to authenticated using (user_id = (select auth.uid()));
