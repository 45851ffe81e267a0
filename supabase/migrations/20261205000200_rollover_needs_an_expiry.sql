-- A rollover cap with an expiry of 0 months meant nothing one way: the math forfeited the hours (a bucket that
-- expires the month it is earned), one page said they would roll over (issue 28, bug 5). The terms form already
-- refuses it; the database now does too. Rows that said it are rewritten to what the math always did with
-- them, no rollover, so no past or present statement changes.
update public.retainer_terms set rollover_cap_minutes = 0 where rollover_cap_minutes > 0 and rollover_expiry_months = 0;

alter table public.retainer_terms
  add constraint retainer_terms_rollover_needs_an_expiry
  check (rollover_cap_minutes = 0 or rollover_expiry_months > 0);

comment on column public.retainer_terms.rollover_cap_minutes is
  'Most minutes that may be carried into a month; 0 = no rollover. Above 0 only with an expiry of at least a month.';
