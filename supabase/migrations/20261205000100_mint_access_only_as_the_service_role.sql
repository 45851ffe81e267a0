-- Nobody signed in chooses a secret, an expiry, a role grant or a person (issue 20).
--
-- An outside attack found that `authenticated` could insert an invitation with a token hash and expiry of its
-- own choosing (the hash an unkeyed SHA-256), and then accept it through the public page: an engineer of one
-- client signed in as the admin. From here on:
--   1. Invitations (client and staff) are minted only by the app as the service role, with a token it makes
--      and stores as an HMAC keyed by the server's secret (lib/auth/tokens.ts), and a TTL it fixes. Signed-in
--      staff read what their pages show (never the token hash) and revoke a pending one.
--   2. Staff roles and engineer assignments are written by the app as the service role after it checked the
--      caller is an admin in the same transaction (lib/db/staff.ts, lib/db/clients.ts): `authenticated` holds
--      no write on any column that grants access (a role, a person's id, a token, an expiry).
--   3. The last admin holds under any isolation level: the guard locks every admin row, so two overlapping
--      REPEATABLE READ demotions cannot each count the other (one waits, then fails to serialize).
--   4. Smaller: an engineer reads the profiles of the people of the clients they work for (and of staff),
--      not every profile of the practice; owners no longer read an invoice's push error (staff read it
--      through a definer function); policy names over 63 characters (Postgres truncates them silently) get
--      names that fit.

-- ---------------------------------------------------------------------------------------------------------
-- 1. Invitations

revoke insert, update, select on public.invitations from authenticated;
grant select (id, client_id, email, role, invited_by, expires_at, accepted_at, accepted_by, created_at)
  on public.invitations to authenticated;
grant delete on public.invitations to authenticated;
drop policy "Staff can invite people to the clients they work for" on public.invitations;
create policy "Staff revoke pending invitations of the clients they work for"
  on public.invitations for delete to authenticated
  using (client_id in (select private.staffed_client_ids()) and accepted_at is null);

revoke insert, update, select on public.staff_invitations from authenticated;
grant select (id, email, role, invited_by, expires_at, accepted_at, accepted_by, created_at)
  on public.staff_invitations to authenticated;
drop policy "Admins can invite people to the practice as themselves" on public.staff_invitations;
drop policy "Admins can renew staff invitations as themselves" on public.staff_invitations;

comment on column public.invitations.token_hash is
  'HMAC-SHA-256 (hex) of the invitation token, keyed by the server secret (lib/auth/tokens.ts). Written by the service role only.';
comment on column public.staff_invitations.token_hash is
  'HMAC-SHA-256 (hex) of the emailed link''s token, keyed by the server secret; null for a grant made from the command line (no link). Service role only.';

-- Links minted before this change were plain digests, which any row writer could forge: none may be
-- accepted any more (the pages offer to send them again). Grants from the command line have no link.
update public.invitations set expires_at = now() where accepted_at is null and expires_at > now();
update public.staff_invitations set expires_at = now() where accepted_at is null and token_hash is not null and expires_at > now();

-- ---------------------------------------------------------------------------------------------------------
-- 2. Roles and assignments

revoke update on public.staff from authenticated;
drop policy "Admins can change staff roles" on public.staff;

revoke insert on public.client_engineers from authenticated;
drop policy "Admins can assign engineers" on public.client_engineers;

-- ---------------------------------------------------------------------------------------------------------
-- 3. The last admin, under any isolation level. The advisory lock orders concurrent demotions; locking every
-- admin row then makes a transaction whose snapshot predates another's committed demotion fail to serialize
-- (REPEATABLE READ, SERIALIZABLE) or re-read the row (READ COMMITTED) instead of counting a stale admin.
create or replace function private.keep_one_admin() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  others integer;
begin
  if old.role <> 'admin' or (tg_op = 'UPDATE' and new.role = 'admin') then
    return coalesce(new, old);
  end if;
  perform pg_advisory_xact_lock(hashtextextended('public.staff:keep-one-admin', 0));
  select count(*) into others from (
    select 1 from public.staff s where s.role = 'admin' and s.user_id <> old.user_id for update
  ) locked;
  if others = 0 then
    raise exception 'the practice must keep at least one admin'
      using errcode = 'RP004', hint = 'Make someone else an admin first.';
  end if;
  return coalesce(new, old);
end
$$;
revoke execute on function private.keep_one_admin() from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------------------
-- 4a. Profiles: yourself; admins everyone; staff the other staff and the people of the clients they work for;
-- members the people of their clients and the practice's admins.
create or replace function private.visible_user_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  with mine as (select array(select private.readable_client_ids()) as ids)
  select cm.user_id from public.client_members cm, mine where cm.client_id = any (mine.ids)
  union
  select ce.user_id from public.client_engineers ce, mine where ce.client_id = any (mine.ids)
  union
  -- Everyone who logged time for those clients, removed staff included (20261202000100), from the index of
  -- 20261203000300.
  select e.engineer_id from public.time_entries e, mine where e.client_id = any (mine.ids)
  union
  select s.user_id from public.staff s
  where (select private.is_staff())
     or (s.role = 'admin' and exists (select 1 from public.client_members cm where cm.user_id = (select auth.uid())))
$$;
comment on function private.visible_user_ids() is
  'People whose name the caller may see: the people of the clients they staff or belong to (members, engineers, '
  'everyone who logged time for them), staff (for staff) and admins (for members). Admins see everyone by policy.';

drop policy "People can read their own profile, staff every profile, members the people of their clients" on public.profiles;
create policy "People read themselves and the people they work with"
  on public.profiles for select to authenticated
  using (id = (select auth.uid()) or (select private.is_admin()) or id in (select private.visible_user_ids()));

-- 4b. An invoice's push error (Stripe's words, for the practice) is not the owner's to read.
revoke select on public.invoices from authenticated;
grant select (id, client_id, month, number, status, currency, total_cents, due_date, stripe_invoice_id,
  hosted_invoice_url, issued_at, paid_at, pushed_at, push_started_at, stripe_sent_at, created_at)
  on public.invoices to authenticated;

create function private.invoice_push_error(p_invoice_id uuid) returns text
language sql stable security definer set search_path = ''
as $$
  select i.push_error from public.invoices i
  where i.id = p_invoice_id
    and (private.caller_reads_column('public.invoices', 'push_error') or i.client_id in (select private.staffed_client_ids()))
$$;
comment on function private.invoice_push_error(uuid) is
  'Why the invoice''s last push to Stripe failed, for staff of its client (and the service role); null for anyone else.';
revoke execute on function private.invoice_push_error(uuid) from public, anon;
grant execute on function private.invoice_push_error(uuid) to authenticated, service_role;

-- 4c. Policy names that fit in 63 characters (Postgres truncated these without a word).
alter policy "Signed-in staff and client members can read the practice settings" on public.practice_settings
  rename to "Staff and client members read the practice settings";
alter policy "Staff and members can read the clients they work for or belong to" on public.clients
  rename to "Staff and members read the clients they work for or belong to";
alter policy "Staff and members can comment on their clients' roadmap as themselves" on public.roadmap_comments
  rename to "People of a client comment on its roadmap as themselves";
alter policy "Staff read every update of their clients, members only published ones" on public.weekly_updates
  rename to "Staff read their clients' updates, members published ones";
alter policy "Staff read their clients' audit trail, owners their own client's, admins the practice's" on public.audit_events
  rename to "Staff, owners and admins read the audit trail they are owed";
alter policy "Staff can set terms of open months for the clients they work for" on public.retainer_terms
  rename to "Staff set terms of open months for the clients they work for";
