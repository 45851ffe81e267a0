-- A practice may require two-step sign-in of its clients' members too, not only owners (issue 29; ASVS 5.0 6.3.3 at
-- level 2 asks it of every person). Off by default: the practice decides for its clients. The admin sets it on the
-- practice settings page, as the other settings (column grant).
alter table public.practice_settings add column client_members_two_step boolean not null default false;
comment on column public.practice_settings.client_members_two_step is 'Every person of every client must sign in with two steps (lib/domain/two-step).';
grant update (client_members_two_step) on public.practice_settings to authenticated;
