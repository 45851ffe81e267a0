-- Billing timing and the first month (issue 27). A client is billed in advance (the invoice issued at the start
-- of a month carries that month's fee and the previous month's overage, credits and approved extras) or in
-- arrears (fee and overage after the month). New clients default to advance; every client that exists when this
-- migration runs keeps being billed in arrears, as it always was. Which months' fees were billed comes from the
-- invoice lines (invoice_lines.for_month), not from this flag, so switching a client never bills a fee twice
-- nor skips one (lib/domain/timing.ts).
alter table public.clients
  add column billing_timing text not null default 'advance' check (billing_timing in ('advance', 'arrears')),
  add column start_date date;
update public.clients set billing_timing = 'arrears';
comment on column public.clients.billing_timing is
  'advance: each month''s fee is invoiced when the month before closes, overage after the month; arrears: fee and overage after the month.';
comment on column public.clients.start_date is
  'The day the retainer starts (client zone); null: its first terms month starts whole. A start after the 1st is prorated or starts at the next month, as practice_settings.first_month says.';

-- The practice's choice for a client whose retainer starts after the 1st of a month.
alter table public.practice_settings
  add column first_month text not null default 'prorate' check (first_month in ('prorate', 'next_month'));
comment on column public.practice_settings.first_month is
  'prorate: the first month''s fee and included hours are scaled by the days from the start date to month end; next_month: billing starts whole on the 1st of the next month.';

-- Staff set both on a client's settings page (and on the new-client form); members and owners read them (the
-- statements say which month a fee is for and show the proration). Admins choose the first month on /settings.
grant select (billing_timing, start_date) on public.clients to authenticated;
grant insert (billing_timing, start_date) on public.clients to authenticated;
grant update (billing_timing, start_date) on public.clients to authenticated;
grant update (first_month) on public.practice_settings to authenticated;

-- Owners may update their client's row only to switch AI drafting: an update naming the new columns is refused
-- for them too (20261203000100_grant_only_what_the_pages_do.sql).
drop trigger clients_owners_write_only_ai_drafting on public.clients;
create trigger clients_owners_write_only_ai_drafting
  before update of name, timezone, currency, billing_email, archived_at, billing_timing, start_date on public.clients
  for each row execute function private.owners_write_only_ai_drafting();

-- A line names the month it is for when that is not the invoice's own month: an adjustment always (the earlier
-- month it corrects), a fee billed in advance (the month it pays for). Null still means the invoice's month.
alter table public.invoice_lines drop constraint invoice_lines_adjustment_names_its_month;
alter table public.invoice_lines add constraint invoice_lines_adjustment_names_its_month
  check (kind <> 'adjustment' or for_month is not null);
alter table public.invoice_lines add constraint invoice_lines_only_fees_are_for_a_later_month
  check (kind = 'retainer_fee' or for_month is null or kind = 'adjustment');
comment on column public.invoice_lines.for_month is
  'The month the line is for when it is not the invoice''s own: the earlier (closed) month an adjustment corrects, or the month a fee billed in advance pays for. Null: the invoice''s month.';
