-- Personal work settings of staff (issue 25), on /account: the day their week starts on /week and the category the
-- log-time dialog and the week grid start with. Written by the app (service role) inside the staff-only command
-- that authorized it (lib/auth/commands.ts `updateWorkPreferences`): no signed-in role updates them directly, so
-- what a person may change equals what their page offers (owners and members have no week grid).
alter table public.profiles
  add column week_start text not null default 'monday' check (week_start in ('monday', 'saturday', 'sunday')),
  add column default_category text not null default 'build'
    check (default_category in ('build', 'maintenance', 'audit', 'meeting', 'training', 'support'));
comment on column public.profiles.week_start is 'The first day of the person''s week on /week: monday (the default), saturday or sunday.';
comment on column public.profiles.default_category is 'The category the log-time dialog and the week grid start with for this person.';
