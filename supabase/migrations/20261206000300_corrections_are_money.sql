-- Corrections are money (issue 27): a correction recorded in an open month against a closed month's entry
-- re-prices the corrected month, and the difference from what was billed for it goes on the next invoice as an
-- adjustment line naming that month. Lines of the invoice's own month leave for_month null.
alter table public.invoice_lines add column for_month date;
alter table public.invoice_lines add constraint invoice_lines_adjustment_names_its_month
  check ((kind = 'adjustment') = (for_month is not null));
alter table public.invoice_lines add constraint invoice_lines_for_month_is_a_month
  check (for_month is null or extract(day from for_month) = 1);
comment on column public.invoice_lines.for_month is
  'For an adjustment line: the earlier (closed) month whose billing it corrects. Null on the invoice''s own lines.';
comment on column public.invoice_lines.quantity_minutes is
  'Billed minutes (overage line), or the change in billed overage minutes (adjustment line, may be negative); null for flat lines.';
comment on column public.invoice_lines.amount_cents is
  'Line amount in the currency''s minor unit; negative only on an adjustment line (a credit).';
alter table public.invoice_lines add constraint invoice_lines_only_adjustments_credit
  check (amount_cents >= 0 or kind = 'adjustment');
create index invoice_lines_client_for_month_idx on public.invoice_lines (client_id, for_month) where for_month is not null;
-- A month's usage counts each correction in the month it corrects: the few corrections of a client are read
-- apart from its entries (lib/db/usage), so the ledger's covering index stays the only scan over the many.
create index time_entries_client_corrections_idx on public.time_entries (client_id)
  include (adjusts_entry_id, minutes, billable, voided_at) where adjusts_entry_id is not null;
