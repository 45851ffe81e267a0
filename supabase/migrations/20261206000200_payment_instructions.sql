-- Getting paid without Stripe (issue 27): the practice's payment instructions, per currency it bills in (bank,
-- account or IBAN, the reference to quote, "pay within N days"), and a general text for any currency without
-- its own. A local invoice shows them under "How to pay" and prints them.
--
-- A table beside practice_settings rather than columns of it: every signed-in person of a client (members
-- too) reads practice_settings, while payment instructions are shown only where invoices are, to staff and
-- owners (members see no invoices). So, as with every table (20261203000100_grant_only_what_the_pages_do.sql):
--   - staff read every row (the invoices of every client they work for show them);
--   - an owner reads the general text and the instructions of the currencies their invoices are in;
--   - admins write them on /settings, replacing the set in one transaction (delete, then insert);
--   - members, and anyone else, nothing.
create table public.payment_instructions (
  id uuid primary key default gen_random_uuid(),
  currency text check (currency ~ '^[A-Z]{3}$'),
  body text not null check (char_length(body) between 1 and 2000),
  updated_at timestamptz not null default now(),
  constraint payment_instructions_one_per_currency unique nulls not distinct (currency)
);
alter table public.payment_instructions enable row level security;
comment on table public.payment_instructions is
  'How to pay a local invoice: one row per currency the practice bills in, and at most one general row (currency null) for any other.';
comment on column public.payment_instructions.id is 'Row id (the set is replaced whole; nothing refers to it).';
comment on column public.payment_instructions.currency is 'ISO 4217 code of the invoices these apply to; null: the general text, for a currency without its own.';
comment on column public.payment_instructions.body is 'Free text as the admin typed it: bank, account or IBAN, reference to quote, when to pay.';
comment on column public.payment_instructions.updated_at is 'Instant the row was written (UTC).';

revoke all on public.payment_instructions from anon, authenticated;
grant all on public.payment_instructions to service_role;
grant select on public.payment_instructions to authenticated;
grant insert (currency, body) on public.payment_instructions to authenticated;
grant delete on public.payment_instructions to authenticated;

create policy "Staff read all; owners those of their invoices' currencies"
  on public.payment_instructions for select to authenticated
  using (
    (select private.is_staff())
    or (
      exists (select 1 from private.owned_client_ids())
      and (currency is null or currency in (select i.currency from public.invoices i where i.client_id in (select private.owned_client_ids())))
    )
  );
create policy "Admins add payment instructions"
  on public.payment_instructions for insert to authenticated
  with check ((select private.is_admin()));
create policy "Admins remove payment instructions"
  on public.payment_instructions for delete to authenticated
  using ((select private.is_admin()));

-- The demo data's invoice footer said "Reply to this email", which a printed invoice cannot honour (the printed
-- invoice now says how to reach the practice itself). The demo's own words only: a practice's footer is theirs.
update public.practice_settings
  set invoice_footer = 'Thank you for your business.'
  where invoice_footer = 'Thank you for your business. Questions about an invoice? Reply to this email.';
