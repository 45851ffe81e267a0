-- Invited people never got a name: the header showed their email twice and the engineer home greeted nobody
-- (issue 28, item 7). People now give their name and their own time zone the first time they arrive, and edit
-- both on /account. Only their own row, only those two columns: the email stays in step with auth (trigger),
-- and nobody writes anyone else's profile.
alter table public.profiles add column timezone text check (timezone is null or char_length(timezone) between 1 and 64);
comment on column public.profiles.timezone is 'The person''s own IANA time zone (their account page); null until they say. Clients keep their own zone.';
comment on column public.profiles.full_name is 'The name the person gave (or an admin''s command line); empty until they do.';

grant update (full_name, timezone) on public.profiles to authenticated;
create policy "People change their own name and time zone"
  on public.profiles for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));
