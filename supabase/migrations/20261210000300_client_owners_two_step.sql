-- A practice may require two-step sign-in of its clients' owners too (issue 29): they see fees and invoices and
-- decide extra hours. Off by default; staff are held to it always (lib/domain/two-step). The admin sets it on the
-- practice settings page, as the other settings (column grant).
alter table public.practice_settings add column client_two_step boolean not null default false;
comment on column public.practice_settings.client_two_step is 'Owners of every client must sign in with two steps (lib/domain/two-step).';
grant update (client_two_step) on public.practice_settings to authenticated;
