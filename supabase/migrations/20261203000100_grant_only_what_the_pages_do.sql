-- The database is the last wall (issue 14). Supabase's Data API lets any signed-in person talk to the tables
-- as role `authenticated` with the claims of their own JWT, so that role may do directly only what the app
-- lets that person do through its pages, column by column:
--   - every grant to anon and authenticated in public is revoked and granted back per column, only for the
--     columns the app's own queries read and write as the signed-in user (lib/db);
--   - money and invoice state (invoices, invoice lines, statement snapshots, Stripe ids, pay links, payment
--     status) change only as the service role (close, push, webhooks) or through
--     private.mark_local_invoice_paid, which checks the caller;
--   - audit events are written as the service role inside the caller's transaction (lib/db/audit.ts) or by
--     triggers, never inserted by `authenticated`;
--   - an entry's author never changes, whoever asks;
--   - members see no money: the fee and rate of the terms and the statement snapshot of a closed month are
--     not selectable by `authenticated` at all, and staff and owners read them through definer functions
--     that return them for the clients they work for or own. RLS decides rows, not columns, and the column
--     privileges cannot tell an owner from a member (both are `authenticated`); the columns stay where they
--     are so the service role's close and every existing reader keep working.
-- supabase/privileges.json lists every grant that results; tests/integration/privileges.test.ts compares it
-- with the catalog, and tests/integration/direct-access.test.ts acts as PostgREST would for every actor.

-- ---------------------------------------------------------------------------------------------------------
-- 1. From nothing. Hosted Supabase grants every new table, sequence and function in public to anon and
--    authenticated by default; new objects now start with nothing for them there too.
revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;
revoke all on all functions in schema public from public, anon, authenticated;
alter default privileges in schema public revoke all on tables from anon, authenticated;
alter default privileges in schema public revoke all on sequences from anon, authenticated;
alter default privileges in schema public revoke execute on functions from anon, authenticated;

-- ---------------------------------------------------------------------------------------------------------
-- 2. Grants back, per table, as the pages use them (lib/db/<entity>.ts names the queries).

-- The practice's name and terms appear on every invoice and email; admins edit them on /settings.
grant select on public.practice_settings to authenticated;
grant update (name, address, invoice_email, days_until_due, invoice_footer, updated_at) on public.practice_settings to authenticated;

-- Names are read; nobody edits a profile in the app (auth keeps email in step, by trigger).
grant select on public.profiles to authenticated;
drop policy "People can change their own name" on public.profiles;

-- Admins change roles and remove people on /staff; people become staff by accepting an invitation
-- (service role) or the first-sign-in trigger, never by an insert of their own.
grant select, delete on public.staff to authenticated;
grant update (role) on public.staff to authenticated;
drop policy "Admins can add staff" on public.staff;

-- The Stripe customer is the push's (service role); no page reads it.
grant select (id, name, slug, timezone, currency, billing_email, ai_drafting_enabled, archived_at, created_at)
  on public.clients to authenticated;
grant insert (name, slug, timezone, currency, billing_email) on public.clients to authenticated;
grant update (name, timezone, currency, billing_email, archived_at, ai_drafting_enabled) on public.clients to authenticated;

-- Owners may update their client's row (to switch AI drafting), and the grant is the role's, not the
-- person's: an owner's update naming any other column is refused, even with the value it already has
-- (private.owners_change_only_ai_drafting refuses changing one; this, writing one at all).
create function private.owners_write_only_ai_drafting() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if current_setting('role') = 'authenticated' and new.id not in (select private.staffed_client_ids()) then
    raise exception 'owners can only change the AI drafting setting' using errcode = '42501';
  end if;
  return new;
end
$$;
comment on function private.owners_write_only_ai_drafting() is
  'Trigger: a signed-in person who does not work for the client may not name any column but ai_drafting_enabled in an update.';

create trigger clients_owners_write_only_ai_drafting
  before update of name, timezone, currency, billing_email, archived_at on public.clients
  for each row execute function private.owners_write_only_ai_drafting();

grant select, delete on public.client_engineers to authenticated;
grant insert (client_id, user_id) on public.client_engineers to authenticated;

-- Memberships come from accepted invitations (service role); no page adds, changes or removes one.
grant select on public.client_members to authenticated;
drop policy "Staff can add members to the clients they work for" on public.client_members;
drop policy "Staff can change member roles of the clients they work for" on public.client_members;
drop policy "Staff can remove members of the clients they work for" on public.client_members;

-- Staff invite; acceptance is the service role's.
grant select on public.invitations to authenticated;
grant insert (client_id, email, role, token_hash, invited_by, expires_at) on public.invitations to authenticated;
drop policy "Staff can revoke or renew invitations of the clients they work for" on public.invitations;
drop policy "Staff can delete invitations of the clients they work for" on public.invitations;

grant select, delete on public.staff_invitations to authenticated;
grant insert (email, role, token_hash, invited_by, expires_at) on public.staff_invitations to authenticated;
grant update (role, token_hash, expires_at, invited_by) on public.staff_invitations to authenticated;

-- Terms: staff set them from the first open month on (the settings page says so; now the database too).
-- Fee and rate are written by staff but read only through private.term_prices.
grant select (id, client_id, effective_month, included_minutes, overage_increment_minutes, rollover_cap_minutes,
  rollover_expiry_months, overage_preapproved_minutes, created_at) on public.retainer_terms to authenticated;
grant insert (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour,
  overage_increment_minutes, rollover_cap_minutes, rollover_expiry_months, overage_preapproved_minutes)
  on public.retainer_terms to authenticated;
grant update (included_minutes, monthly_fee_cents, overage_rate_cents_per_hour, overage_increment_minutes,
  rollover_cap_minutes, rollover_expiry_months, overage_preapproved_minutes) on public.retainer_terms to authenticated;
drop policy "Staff can set terms for the clients they work for" on public.retainer_terms;
drop policy "Staff can change terms of the clients they work for" on public.retainer_terms;
drop policy "Staff can delete terms of the clients they work for" on public.retainer_terms;
create policy "Staff can set terms of open months for the clients they work for"
  on public.retainer_terms for insert to authenticated
  with check (
    client_id in (select private.staffed_client_ids())
    and not exists (select 1 from public.billing_periods bp
                    where bp.client_id = retainer_terms.client_id and bp.status = 'closed' and bp.month >= retainer_terms.effective_month)
  );
create policy "Staff can change terms of open months of the clients they staff"
  on public.retainer_terms for update to authenticated
  using (
    client_id in (select private.staffed_client_ids())
    and not exists (select 1 from public.billing_periods bp
                    where bp.client_id = retainer_terms.client_id and bp.status = 'closed' and bp.month >= retainer_terms.effective_month)
  )
  with check (client_id in (select private.staffed_client_ids()));

-- Periods are opened and closed by the month close (service role); the snapshot is read through
-- private.period_statement.
grant select (client_id, month, status, closed_at, closed_by) on public.billing_periods to authenticated;
drop policy "Staff can open periods for the clients they work for" on public.billing_periods;
drop policy "Staff can close periods of the clients they work for" on public.billing_periods;

-- The ledger: logged as oneself; edited and voided while live; voided as oneself; never re-attributed,
-- moved to another client or re-pointed at another entry.
grant select on public.time_entries to authenticated;
grant insert (client_id, engineer_id, work_date, minutes, description, category, billable, roadmap_item_id, adjusts_entry_id)
  on public.time_entries to authenticated;
grant update (work_date, minutes, description, category, billable, roadmap_item_id, voided_at, voided_by, void_reason, updated_at)
  on public.time_entries to authenticated;
drop policy "Staff can edit and void entries of the clients they work for" on public.time_entries;
create policy "Staff can edit and void live entries, voiding as themselves"
  on public.time_entries for update to authenticated
  using (client_id in (select private.staffed_client_ids()) and voided_at is null)
  with check (
    client_id in (select private.staffed_client_ids())
    and ((voided_at is null and voided_by is null) or voided_by = (select auth.uid()))
  );

-- An entry's author never changes, whoever asks (service role included): the ledger says who did the work.
create function private.keep_entry_authors() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.engineer_id is distinct from old.engineer_id then
    raise exception 'an entry''s author never changes' using errcode = 'RP005';
  end if;
  return new;
end
$$;
comment on function private.keep_entry_authors() is 'Trigger: time_entries.engineer_id is fixed at insert (RP005).';

create trigger time_entries_keep_author
  before update of engineer_id on public.time_entries
  for each row execute function private.keep_entry_authors();

-- The roadmap: staff add items in the open lanes and move them; owners propose (title and description
-- only); everyone adds items and comments as themselves. Nobody deletes an item or edits a comment.
grant select on public.roadmap_items to authenticated;
grant insert (client_id, title, description, status, position, target_month, estimate_minutes, proposed_by)
  on public.roadmap_items to authenticated;
grant update (title, description, status, position, target_month, estimate_minutes, drop_reason, shipped_at, updated_at)
  on public.roadmap_items to authenticated;
drop policy "Staff can add items, owners can only propose them" on public.roadmap_items;
drop policy "Staff can delete items of the clients they work for" on public.roadmap_items;
create policy "Staff add items in open lanes, owners propose, as themselves"
  on public.roadmap_items for insert to authenticated
  with check (
    proposed_by = (select auth.uid())
    and (
      (client_id in (select private.staffed_client_ids()) and status in ('proposed', 'planned', 'in_progress'))
      or (
        client_id in (select private.owned_client_ids())
        and status = 'proposed' and target_month is null and estimate_minutes is null
      )
    )
  );

grant select on public.roadmap_comments to authenticated;
grant insert (client_id, item_id, author_id, body) on public.roadmap_comments to authenticated;
drop policy "Authors can edit their own comments" on public.roadmap_comments;
drop policy "Authors can delete their own comments" on public.roadmap_comments;

-- Weekly updates: staff draft, edit drafts and publish them as themselves; a published update stays as
-- it was published, and nobody deletes one.
grant select on public.weekly_updates to authenticated;
grant insert (client_id, week_start, status, title, body_md, facts, citations, source, model, prompt_version)
  on public.weekly_updates to authenticated;
grant update (title, body_md, facts, citations, source, model, prompt_version, status, published_at, published_by, updated_at)
  on public.weekly_updates to authenticated;
drop policy "Staff can draft updates for the clients they work for" on public.weekly_updates;
drop policy "Staff can edit and publish updates of the clients they work for" on public.weekly_updates;
drop policy "Staff can delete updates of the clients they work for" on public.weekly_updates;
create policy "Staff can draft updates for the clients they work for"
  on public.weekly_updates for insert to authenticated
  with check (client_id in (select private.staffed_client_ids()) and status = 'draft');
create policy "Staff can edit drafts and publish them as themselves"
  on public.weekly_updates for update to authenticated
  using (client_id in (select private.staffed_client_ids()) and status = 'draft')
  with check (
    client_id in (select private.staffed_client_ids())
    and ((status = 'draft' and published_by is null) or (status = 'published' and published_by = (select auth.uid())))
  );

-- Invoices and their lines: read by staff and owners; written only by the service role and
-- private.mark_local_invoice_paid.
grant select on public.invoices to authenticated;
grant select on public.invoice_lines to authenticated;
drop policy "Staff can issue invoices for the clients they work for" on public.invoices;
drop policy "Staff can update invoices of the clients they work for" on public.invoices;
drop policy "Staff can add lines to invoices of the clients they work for" on public.invoice_lines;

-- The audit trail: read by staff, owners and (practice-level) admins; written by the app as the service
-- role in the same transaction as the change, or by triggers.
grant select on public.audit_events to authenticated;
drop policy "People record their own actions on clients they can see" on public.audit_events;

-- stripe_events, outbox, sign_in_codes, rate_limit_hits: the service role's alone (nothing granted).

-- ---------------------------------------------------------------------------------------------------------
-- 3. Money through functions that check the caller.

-- Clients whose money the caller may see: those they work for (staff) or own. Members: none.
create function private.money_client_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select private.staffed_client_ids()
  union
  select private.owned_client_ids()
$$;
comment on function private.money_client_ids() is
  'Clients whose amounts the caller may see: staffed or owned (never a member''s). Used inside the money readers only.';

-- Whether the role running the query may read `column` of `tbl` itself (the service role, a superuser
-- script): a security definer function changes current_user, not the `role` setting, so this names the
-- caller even when called from one.
create function private.caller_reads_column(tbl regclass, col name) returns boolean
language sql stable set search_path = ''
as $$
  select pg_catalog.has_column_privilege(
    coalesce(nullif(pg_catalog.current_setting('role'), 'none'), session_user::text), tbl, col, 'SELECT')
$$;
comment on function private.caller_reads_column(regclass, name) is
  'True when the querying role (the role setting, else the session user) may select that column directly.';

create function private.term_prices(p_client_ids uuid[])
returns table (terms_id uuid, monthly_fee_cents bigint, overage_rate_cents_per_hour bigint)
language sql stable security definer set search_path = ''
as $$
  select t.id, t.monthly_fee_cents, t.overage_rate_cents_per_hour
  from public.retainer_terms t
  where t.client_id = any (p_client_ids)
    and ((select private.caller_reads_column('public.retainer_terms', 'monthly_fee_cents'))
         or t.client_id in (select private.money_client_ids()))
$$;
comment on function private.term_prices(uuid[]) is
  'Fee and overage rate (minor unit) of the terms of those clients, for staff and owners of each (and the service role); no row for anyone else.';

create function private.period_statement(p_client_id uuid, p_month date) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select bp.statement
  from public.billing_periods bp
  where bp.client_id = p_client_id and bp.month = p_month
    and ((select private.caller_reads_column('public.billing_periods', 'statement'))
         or p_client_id in (select private.money_client_ids()))
$$;
comment on function private.period_statement(uuid, date) is
  'The statement snapshot of a closed month, for staff and owners of the client (and the service role); null for anyone else.';

-- Staff mark a local invoice (no Stripe invoice) paid from /billing: the only change of invoice state a
-- signed-in person makes. Refuses (false, nothing changed) anyone who does not work for the client, a Stripe
-- invoice, and an invoice already paid or void. The audit row is written here, with the change.
create function private.mark_local_invoice_paid(p_client_id uuid, p_invoice_id uuid) returns boolean
language plpgsql volatile security definer set search_path = ''
as $$
begin
  if p_client_id is null or p_client_id not in (select private.staffed_client_ids()) then
    return false;
  end if;
  update public.invoices set status = 'paid', paid_at = coalesce(paid_at, now())
  where id = p_invoice_id and client_id = p_client_id and stripe_invoice_id is null
    and status in ('draft', 'open', 'uncollectible');
  if not found then
    return false;
  end if;
  insert into public.audit_events (client_id, actor_id, action, entity, entity_id, data)
  values (p_client_id, (select auth.uid()), 'invoice.paid', 'invoice', p_invoice_id::text, '{"via": "staff"}'::jsonb);
  return true;
end
$$;
comment on function private.mark_local_invoice_paid(uuid, uuid) is
  'Marks a local invoice of a client the caller works for paid, with its audit event; false (nothing changed) otherwise.';

-- ---------------------------------------------------------------------------------------------------------
-- 4. Functions of private: nothing by default (trigger functions were executable by PUBLIC), then the
--    helpers the policies call, the readers above and the one writer.
revoke execute on all functions in schema private from public, anon, authenticated;
grant execute on function private.is_staff(), private.is_admin(), private.staffed_client_ids(), private.member_client_ids(),
  private.owned_client_ids(), private.readable_client_ids(), private.visible_user_ids(), private.client_data_version(uuid),
  private.term_prices(uuid[]), private.period_statement(uuid, date), private.mark_local_invoice_paid(uuid, uuid)
  to authenticated;
grant execute on function private.term_prices(uuid[]), private.period_statement(uuid, date) to service_role;
