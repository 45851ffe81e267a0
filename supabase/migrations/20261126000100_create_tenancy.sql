-- The practice, its people, its clients, and who may see which client.
-- Authorization is membership rows, never JWT claims the user could influence: a removed member loses
-- access on the next request. Membership checks run through `security definer` helpers in `private`
-- (not an exposed schema) with an empty search_path, so policies do not recurse through RLS.

-- ---------------------------------------------------------------------------------------------------------
-- practice_settings: one row, the practice itself (used on invoices and emails).
create table public.practice_settings (
  id boolean primary key default true check (id),
  name text not null default 'Fractional Engineering Practice' check (char_length(name) between 1 and 200),
  address text not null default '' check (char_length(address) <= 1000),
  invoice_email text not null default '' check (char_length(invoice_email) <= 320),
  days_until_due integer not null default 14 check (days_until_due between 0 and 120),
  invoice_footer text not null default '' check (char_length(invoice_footer) <= 2000),
  updated_at timestamptz not null default now()
);
alter table public.practice_settings enable row level security;
comment on table public.practice_settings is 'The practice itself; exactly one row (id = true).';
comment on column public.practice_settings.days_until_due is 'Payment terms in days after the invoice is issued.';
comment on column public.practice_settings.updated_at is 'Instant of the last change (UTC).';
insert into public.practice_settings (id) values (true);

-- profiles: one per auth user, kept in step with auth.users by a trigger.
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  email text not null check (char_length(email) <= 320),
  full_name text not null default '' check (char_length(full_name) <= 200),
  created_at timestamptz not null default now()
);
alter table public.profiles enable row level security;
comment on table public.profiles is 'Display data for an auth user (id = auth.users.id).';
comment on column public.profiles.email is 'Sign-in email, lower-cased; mirrors auth.users.email.';
create index profiles_email_idx on public.profiles (lower(email));

-- staff: the practice's people. Admins see every client; engineers only those assigned to them.
create table public.staff (
  user_id uuid primary key references public.profiles (id) on delete cascade,
  role text not null check (role in ('admin', 'engineer')),
  created_at timestamptz not null default now()
);
alter table public.staff enable row level security;
comment on table public.staff is 'Members of the practice. admin: every client and the settings; engineer: assigned clients.';

-- clients: the businesses on a retainer.
create table public.clients (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(name) between 1 and 200),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 64),
  timezone text not null check (char_length(timezone) between 1 and 64),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  billing_email text not null default '' check (char_length(billing_email) <= 320),
  ai_drafting_enabled boolean not null default true,
  stripe_customer_id text unique,
  archived_at timestamptz,
  created_at timestamptz not null default now()
);
alter table public.clients enable row level security;
comment on table public.clients is 'A business on a retainer; every tenant row hangs off one.';
comment on column public.clients.timezone is 'IANA zone; months, weeks and "today" are computed in it.';
comment on column public.clients.currency is 'ISO 4217 code; every _cents amount of this client is in its minor unit (yen for JPY).';
comment on column public.clients.ai_drafting_enabled is 'Owners may turn off Claude drafting; drafts then come from a template.';
comment on column public.clients.archived_at is 'Instant the client was archived (UTC); null while active.';

create table public.client_engineers (
  client_id uuid not null references public.clients (id) on delete cascade,
  user_id uuid not null references public.staff (user_id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (client_id, user_id)
);
alter table public.client_engineers enable row level security;
comment on table public.client_engineers is 'Which engineers work for which client.';
create index client_engineers_user_id_idx on public.client_engineers (user_id);

create table public.client_members (
  client_id uuid not null references public.clients (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  role text not null check (role in ('owner', 'member')),
  created_at timestamptz not null default now(),
  primary key (client_id, user_id)
);
alter table public.client_members enable row level security;
comment on table public.client_members is 'People of a client business. owner: also invoices and settings; member: hours, roadmap, updates.';
create index client_members_user_id_idx on public.client_members (user_id);

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  email text not null check (char_length(email) between 3 and 320),
  role text not null check (role in ('owner', 'member')),
  token_hash text not null unique,
  invited_by uuid references public.profiles (id) on delete set null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now()
);
alter table public.invitations enable row level security;
comment on table public.invitations is 'An emailed invitation to join a client; the raw token exists only in the email.';
comment on column public.invitations.token_hash is 'SHA-256 (hex) of the invitation token.';
comment on column public.invitations.expires_at is 'Instant after which the link no longer works (UTC).';
create index invitations_client_id_idx on public.invitations (client_id);

-- ---------------------------------------------------------------------------------------------------------
-- Membership helpers. Set-returning helpers are used as `client_id in (select private.x())` so Postgres
-- evaluates them once per statement (an initPlan), not once per row.
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

create function private.is_staff() returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select 1 from public.staff s where s.user_id = (select auth.uid()))
$$;

create function private.is_admin() returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select 1 from public.staff s where s.user_id = (select auth.uid()) and s.role = 'admin')
$$;

-- Clients the caller works for: every client for an admin, assigned clients for an engineer.
create function private.staffed_client_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select c.id from public.clients c
  where exists (select 1 from public.staff s where s.user_id = (select auth.uid()) and s.role = 'admin')
  union
  select ce.client_id from public.client_engineers ce
  join public.staff s on s.user_id = ce.user_id
  where ce.user_id = (select auth.uid())
$$;

-- Clients the caller belongs to as an owner or member.
create function private.member_client_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select cm.client_id from public.client_members cm where cm.user_id = (select auth.uid())
$$;

create function private.owned_client_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select cm.client_id from public.client_members cm where cm.user_id = (select auth.uid()) and cm.role = 'owner'
$$;

-- Clients whose data the caller may read: staffed or belonged to.
create function private.readable_client_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select private.staffed_client_ids()
  union
  select private.member_client_ids()
$$;

-- People the caller may see the name of: co-members and engineers of the caller's clients.
create function private.visible_user_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select cm.user_id from public.client_members cm where cm.client_id in (select private.member_client_ids())
  union
  select ce.user_id from public.client_engineers ce where ce.client_id in (select private.member_client_ids())
  union
  select s.user_id from public.staff s
  where s.role = 'admin' and exists (select 1 from public.client_members cm where cm.user_id = (select auth.uid()))
$$;

revoke execute on all functions in schema private from public, anon;
grant execute on all functions in schema private to authenticated, service_role;

-- New auth users get a profile (works the same under Supabase Auth and the local provider).
create function private.handle_new_user() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.profiles (id, email, full_name)
  values (new.id, lower(new.email), coalesce(new.raw_user_meta_data ->> 'full_name', ''))
  on conflict (id) do update set email = excluded.email;
  return new;
end
$$;
revoke execute on function private.handle_new_user() from public, anon, authenticated;

create trigger on_auth_user_created
  after insert or update of email on auth.users
  for each row execute function private.handle_new_user();

-- ---------------------------------------------------------------------------------------------------------
-- Grants: nothing for anon; authenticated gets only the commands a policy below allows.
revoke all on public.practice_settings, public.profiles, public.staff, public.clients,
  public.client_engineers, public.client_members, public.invitations from anon, authenticated;
grant all on public.practice_settings, public.profiles, public.staff, public.clients,
  public.client_engineers, public.client_members, public.invitations to service_role;

grant select, update on public.practice_settings to authenticated;
create policy "Signed-in staff and client members can read the practice settings"
  on public.practice_settings for select to authenticated
  using ((select private.is_staff()) or exists (select 1 from private.member_client_ids()));
create policy "Admins can change the practice settings"
  on public.practice_settings for update to authenticated
  using ((select private.is_admin())) with check ((select private.is_admin()));

grant select on public.profiles to authenticated;
grant update (full_name) on public.profiles to authenticated;
create policy "People can read their own profile, staff every profile, members the people of their clients"
  on public.profiles for select to authenticated
  using (
    id = (select auth.uid())
    or (select private.is_staff())
    or id in (select private.visible_user_ids())
  );
create policy "People can change their own name"
  on public.profiles for update to authenticated
  using (id = (select auth.uid())) with check (id = (select auth.uid()));

grant select, insert, update, delete on public.staff to authenticated;
create policy "Staff can read the staff list, anyone their own row"
  on public.staff for select to authenticated
  using ((select private.is_staff()) or user_id = (select auth.uid()));
create policy "Admins can add staff"
  on public.staff for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can change staff roles"
  on public.staff for update to authenticated
  using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can remove staff"
  on public.staff for delete to authenticated using ((select private.is_admin()));

grant select, insert, update on public.clients to authenticated;
-- is_admin() first: a client an admin is inserting is not yet in readable_client_ids()'s snapshot, and
-- `insert ... returning` must pass this policy too.
create policy "Staff and members can read the clients they work for or belong to"
  on public.clients for select to authenticated
  using ((select private.is_admin()) or id in (select private.readable_client_ids()));
create policy "Admins can create clients"
  on public.clients for insert to authenticated with check ((select private.is_admin()));
create policy "Staff can edit and archive the clients they work for"
  on public.clients for update to authenticated
  using (id in (select private.staffed_client_ids()))
  with check (id in (select private.staffed_client_ids()));

grant select, insert, delete on public.client_engineers to authenticated;
create policy "Staff and members can see who works for their clients"
  on public.client_engineers for select to authenticated
  using (client_id in (select private.readable_client_ids()));
create policy "Admins can assign engineers"
  on public.client_engineers for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can unassign engineers"
  on public.client_engineers for delete to authenticated using ((select private.is_admin()));

grant select, insert, update, delete on public.client_members to authenticated;
create policy "Staff and members can see the members of their clients"
  on public.client_members for select to authenticated
  using (client_id in (select private.readable_client_ids()));
create policy "Staff can add members to the clients they work for"
  on public.client_members for insert to authenticated
  with check (client_id in (select private.staffed_client_ids()));
create policy "Staff can change member roles of the clients they work for"
  on public.client_members for update to authenticated
  using (client_id in (select private.staffed_client_ids()))
  with check (client_id in (select private.staffed_client_ids()));
create policy "Staff can remove members of the clients they work for"
  on public.client_members for delete to authenticated
  using (client_id in (select private.staffed_client_ids()));

grant select, insert, update, delete on public.invitations to authenticated;
create policy "Staff can read invitations of the clients they work for"
  on public.invitations for select to authenticated
  using (client_id in (select private.staffed_client_ids()));
create policy "Staff can invite people to the clients they work for"
  on public.invitations for insert to authenticated
  with check (client_id in (select private.staffed_client_ids()) and invited_by = (select auth.uid()));
create policy "Staff can revoke or renew invitations of the clients they work for"
  on public.invitations for update to authenticated
  using (client_id in (select private.staffed_client_ids()))
  with check (client_id in (select private.staffed_client_ids()));
create policy "Staff can delete invitations of the clients they work for"
  on public.invitations for delete to authenticated
  using (client_id in (select private.staffed_client_ids()));
