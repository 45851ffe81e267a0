-- Invoices that hold up anywhere (issue 27): the legal fields an invoice needs in the EU, the UK, the US,
-- New Zealand and Japan, and tax computed once per rate per invoice (lib/domain/tax.ts).
--
-- The practice (the seller): its legal name, country and tax registrations (VAT, GST, Japan's qualified
-- invoice number T + 13 digits), beside the name and address it already has. Everyone signed in reads the
-- practice row (they are printed on every invoice); admins change them on /settings.
alter table public.practice_settings
  add column legal_name text not null default '' check (char_length(legal_name) <= 200),
  add column country text not null default '' check (country = '' or country ~ '^[A-Z]{2}$'),
  add column tax_registrations jsonb not null default '[]'
    check (jsonb_typeof(tax_registrations) = 'array' and jsonb_array_length(tax_registrations) <= 6),
  add column stripe_automatic_tax boolean not null default false;
comment on column public.practice_settings.legal_name is 'The registered legal name printed as the seller; blank: the trading name.';
comment on column public.practice_settings.country is 'ISO 3166-1 alpha-2 country the practice is established in; decides which invoice rules apply (lib/domain/tax.ts).';
comment on column public.practice_settings.tax_registrations is 'Array of {scheme, number}: eu_vat, gb_vat, nz_gst, au_abn, jp_qii (T + 13 digits), us_ein; validated by the settings form.';
comment on column public.practice_settings.stripe_automatic_tax is 'Stripe Tax computes the tax of Stripe invoices (automatic_tax) instead of the client''s explicit rate; where the practice must collect tax in many places.';
grant update (legal_name, country, tax_registrations, stripe_automatic_tax) on public.practice_settings to authenticated;

-- The client (the buyer): who the invoice is addressed to and how it is taxed. A table beside clients, not
-- columns of it: members read the client row, while billing details (address, tax id, the tax treatment)
-- are shown only where invoices are, to staff and owners. Staff of the client set them; nobody else writes.
create table public.client_billing_details (
  client_id uuid primary key references public.clients (id) on delete cascade,
  legal_name text not null default '' check (char_length(legal_name) <= 200),
  address text not null default '' check (char_length(address) <= 1000),
  country text not null default '' check (country = '' or country ~ '^[A-Z]{2}$'),
  tax_id text not null default '' check (char_length(tax_id) <= 40),
  tax_treatment text not null default 'none' check (tax_treatment in ('none', 'standard', 'reverse_charge', 'exempt')),
  tax_rate_bp integer check (tax_rate_bp between 1 and 10000),
  tax_label text not null default '' check (char_length(tax_label) <= 40),
  tax_note text not null default '' check (char_length(tax_note) <= 300),
  updated_at timestamptz not null default now(),
  constraint client_billing_details_rate_only_when_standard check ((tax_treatment = 'standard') = (tax_rate_bp is not null))
);
alter table public.client_billing_details enable row level security;
comment on table public.client_billing_details is 'Bill-to details and tax treatment of a client; snapshotted onto each invoice at its close.';
comment on column public.client_billing_details.legal_name is 'The buyer''s legal name on invoices; blank: the client''s name.';
comment on column public.client_billing_details.address is 'Postal address printed in the bill-to block.';
comment on column public.client_billing_details.country is 'ISO 3166-1 alpha-2 country of the buyer.';
comment on column public.client_billing_details.tax_id is 'The buyer''s VAT, GST or other tax number (required for an EU reverse charge).';
comment on column public.client_billing_details.tax_treatment is 'none: no tax line; standard: tax at tax_rate_bp; reverse_charge: EU/UK B2B, the buyer accounts for VAT; exempt: no tax, tax_note says why.';
comment on column public.client_billing_details.tax_rate_bp is 'Tax rate in basis points (1500 = 15%) when tax_treatment = standard; null otherwise.';
comment on column public.client_billing_details.tax_label is 'Name of the tax as printed (GST, VAT, 消費税); blank: "Tax".';
comment on column public.client_billing_details.tax_note is 'Wording printed with an exempt or reverse-charge invoice (a default is printed when blank).';
comment on column public.client_billing_details.updated_at is 'Instant of the last change (UTC).';

revoke all on public.client_billing_details from anon, authenticated;
grant all on public.client_billing_details to service_role;
grant select on public.client_billing_details to authenticated;
grant insert (client_id, legal_name, address, country, tax_id, tax_treatment, tax_rate_bp, tax_label, tax_note)
  on public.client_billing_details to authenticated;
grant update (legal_name, address, country, tax_id, tax_treatment, tax_rate_bp, tax_label, tax_note, updated_at)
  on public.client_billing_details to authenticated;

create policy "Staff and owners read the billing details of their clients"
  on public.client_billing_details for select to authenticated
  using (client_id in (select private.staffed_client_ids()) or client_id in (select private.owned_client_ids()));
create policy "Staff set the billing details of the clients they work for"
  on public.client_billing_details for insert to authenticated
  with check (client_id in (select private.staffed_client_ids()));
create policy "Staff change the billing details of the clients they work for"
  on public.client_billing_details for update to authenticated
  using (client_id in (select private.staffed_client_ids()))
  with check (client_id in (select private.staffed_client_ids()));

create constraint trigger client_billing_details_bump_version after insert or update or delete on public.client_billing_details
  deferrable initially deferred for each row execute function private.bump_client_data_version();

-- The invoice: net, tax and gross (total_cents stays what is due: the gross), and what the invoice said
-- about the parties and the tax when it was issued, so a later change of address or rate never rewrites an
-- issued invoice. The net is derived (gross minus tax), so the three always agree; existing invoices carried
-- no tax, so their net is their total.
alter table public.invoices
  add column tax_cents bigint not null default 0,
  add column net_cents bigint generated always as (total_cents - tax_cents) stored,
  add column legal jsonb;
comment on column public.invoices.net_cents is 'Sum of the lines before tax, in minor units: total_cents - tax_cents, by construction.';
comment on column public.invoices.tax_cents is 'Tax of the invoice: per rate, the rate times that rate''s net, rounded once (lib/domain/tax.ts).';
comment on column public.invoices.total_cents is 'What is due: net_cents + tax_cents, in minor units.';
comment on column public.invoices.legal is 'Snapshot at issue: {seller, buyer, treatment, jurisdiction} as lib/domain/tax.ts InvoiceLegal; null on invoices issued before it existed.';
grant select (net_cents, tax_cents, legal) on public.invoices to authenticated;

alter table public.invoice_lines add column tax_rate_bp integer check (tax_rate_bp between 0 and 10000);
comment on column public.invoice_lines.tax_rate_bp is 'Tax rate of the line in basis points; null: no tax applies (none, exempt, reverse charge).';
