-- Making people staff without SQL (issue: a fresh deployment had no way to get its first admin, and admins
-- could not add a second engineer).
--
-- 1. staff_invitations: a pending grant of a staff role to an email address. Two kinds, one table:
--    - an emailed invitation from the Staff page (token_hash and expires_at set; accepted at /invite/<token>);
--    - a grant from `npm run staff -- add` (no token, no expiry) for someone who has never signed in.
--    Either is applied by a trigger as soon as a profile with that email exists (a person's first sign-in
--    creates it, under Supabase Auth as under the local provider), so nothing here writes to auth.users.
-- 2. The practice always keeps at least one admin: a trigger refuses to demote or remove the last one,
--    whoever asks (service role included).

create table public.staff_invitations (
  id uuid primary key default gen_random_uuid(),
  email text not null check (char_length(email) between 3 and 320 and email = lower(email)),
  role text not null check (role in ('admin', 'engineer')),
  token_hash text unique,
  invited_by uuid references public.profiles (id) on delete set null,
  expires_at timestamptz,
  accepted_at timestamptz,
  accepted_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  -- A link always expires; a grant without a link waits for the person's first sign-in.
  check ((token_hash is null) = (expires_at is null))
);
alter table public.staff_invitations enable row level security;
comment on table public.staff_invitations is 'A pending grant of a staff role to an email; applied when a profile with that email exists. Admins only.';
comment on column public.staff_invitations.id is 'Invitation id.';
comment on column public.staff_invitations.email is 'Invited address, lower-cased; matched against profiles.email.';
comment on column public.staff_invitations.role is 'Staff role granted on acceptance: admin (every client, settings, staff) or engineer (assigned clients).';
comment on column public.staff_invitations.token_hash is 'SHA-256 (hex) of the emailed link''s token; null for a grant made from the command line (no link).';
comment on column public.staff_invitations.invited_by is 'Admin who sent it; null when granted from the command line.';
comment on column public.staff_invitations.expires_at is 'Instant after which it no longer applies (UTC); null = until the person first signs in.';
comment on column public.staff_invitations.accepted_at is 'Instant the grant was applied (UTC); null while pending.';
comment on column public.staff_invitations.accepted_by is 'The profile that became staff through it.';
comment on column public.staff_invitations.created_at is 'Instant it was created (UTC).';
-- At most one pending grant per address; it is what the first-sign-in trigger and the CLI look up by email.
create unique index staff_invitations_pending_email_idx on public.staff_invitations (email) where accepted_at is null;
create index staff_invitations_invited_by_idx on public.staff_invitations (invited_by);
create index staff_invitations_accepted_by_idx on public.staff_invitations (accepted_by);

revoke all on public.staff_invitations from anon, authenticated;
grant all on public.staff_invitations to service_role;

-- Acceptance runs as the service role (the invitee is not signed in yet) or in the trigger below, so
-- admins may change only what the Staff page changes: role, link and expiry of a pending invitation.
grant select, insert, delete on public.staff_invitations to authenticated;
grant update (role, token_hash, expires_at, invited_by) on public.staff_invitations to authenticated;
create policy "Admins can read staff invitations"
  on public.staff_invitations for select to authenticated
  using ((select private.is_admin()));
create policy "Admins can invite people to the practice as themselves"
  on public.staff_invitations for insert to authenticated
  with check ((select private.is_admin()) and invited_by = (select auth.uid()) and accepted_at is null);
create policy "Admins can renew staff invitations as themselves"
  on public.staff_invitations for update to authenticated
  using ((select private.is_admin()) and accepted_at is null)
  with check ((select private.is_admin()) and invited_by = (select auth.uid()));
create policy "Admins can cancel staff invitations"
  on public.staff_invitations for delete to authenticated
  using ((select private.is_admin()));

-- ---------------------------------------------------------------------------------------------------------
-- A pending grant becomes a staff row when a profile with its email appears (first sign-in) or takes it
-- (an email change). Never raises on the sign-in path: someone already staff keeps their role.
create function private.apply_staff_invitations() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  grant_id uuid;
  grant_role text;
begin
  if tg_op = 'UPDATE' and old.email is not distinct from new.email then
    return null;
  end if;
  select i.id, i.role into grant_id, grant_role
  from public.staff_invitations i
  where i.email = lower(new.email) and i.accepted_at is null and (i.expires_at is null or i.expires_at > now())
  for update;
  if grant_id is null then
    return null;
  end if;
  insert into public.staff (user_id, role) values (new.id, grant_role) on conflict (user_id) do nothing;
  update public.staff_invitations set accepted_at = now(), accepted_by = new.id where id = grant_id;
  insert into public.audit_events (client_id, actor_id, action, entity, entity_id, data)
  values (null, new.id, 'staff.joined', 'staff_invitation', grant_id::text,
          jsonb_build_object('email', lower(new.email), 'role', grant_role, 'via', 'sign-in'));
  return null;
end
$$;
revoke execute on function private.apply_staff_invitations() from public, anon, authenticated;

create trigger profiles_apply_staff_invitations
  after insert or update of email on public.profiles
  for each row execute function private.apply_staff_invitations();

-- ---------------------------------------------------------------------------------------------------------
-- The last admin can be neither demoted nor removed. Security definer so the count sees every staff row
-- whatever the caller's RLS; the advisory lock serializes admin removals, so two concurrent demotions of
-- the last two admins cannot each count the other (each statement below takes a fresh snapshot).
create function private.keep_one_admin() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if old.role <> 'admin' or (tg_op = 'UPDATE' and new.role = 'admin') then
    return coalesce(new, old);
  end if;
  perform pg_advisory_xact_lock(hashtextextended('public.staff:keep-one-admin', 0));
  if not exists (select 1 from public.staff s where s.role = 'admin' and s.user_id <> old.user_id) then
    raise exception 'the practice must keep at least one admin'
      using errcode = 'RP004', hint = 'Make someone else an admin first.';
  end if;
  return coalesce(new, old);
end
$$;
revoke execute on function private.keep_one_admin() from public, anon, authenticated;

create trigger staff_keep_one_admin
  before update of role or delete on public.staff
  for each row execute function private.keep_one_admin();
