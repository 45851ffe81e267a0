-- Weekly updates, invoices and the Stripe events that move them.

create table public.weekly_updates (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  week_start date not null,
  status text not null default 'draft' check (status in ('draft', 'published')),
  title text not null default '' check (char_length(title) <= 200),
  body_md text not null default '' check (char_length(body_md) <= 50000),
  facts jsonb not null default '{}'::jsonb,
  citations jsonb not null default '[]'::jsonb,
  source text not null default 'manual' check (source in ('ai', 'template', 'manual')),
  model text,
  prompt_version text,
  published_at timestamptz,
  published_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (client_id, week_start),
  check ((status = 'published') = (published_at is not null))
);
alter table public.weekly_updates enable row level security;
comment on table public.weekly_updates is 'One update per client and week; drafts are visible to staff only.';
comment on column public.weekly_updates.week_start is 'Monday of the week, a calendar day in the client''s zone.';
comment on column public.weekly_updates.facts is 'The week''s facts the text was drafted from (minutes, entry ids).';
comment on column public.weekly_updates.citations is 'Per highlight, the time entry ids it rests on.';
comment on column public.weekly_updates.published_at is 'Instant of publication (UTC).';
create index weekly_updates_client_idx on public.weekly_updates (client_id, week_start desc);

-- Local invoice numbers come from a sequence, never from count(*) + 1.
create sequence private.invoice_number_seq;
grant usage on sequence private.invoice_number_seq to service_role;

create table public.invoices (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  month date not null check (extract(day from month) = 1),
  number text unique,
  status text not null default 'draft' check (status in ('draft', 'open', 'paid', 'void', 'uncollectible')),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  total_cents bigint not null check (total_cents >= 0),
  due_date date,
  stripe_invoice_id text unique,
  hosted_invoice_url text,
  issued_at timestamptz,
  paid_at timestamptz,
  created_at timestamptz not null default now(),
  unique (client_id, month),
  unique (id, client_id)
);
alter table public.invoices enable row level security;
comment on table public.invoices is 'One invoice per client and month: the retainer fee plus overage.';
comment on column public.invoices.month is 'First day of the billed month (client zone).';
comment on column public.invoices.total_cents is 'Sum of the lines, in the currency''s minor unit.';
comment on column public.invoices.due_date is 'Calendar day payment is due (client zone).';
comment on column public.invoices.issued_at is 'Instant the invoice was finalized and sent (UTC).';
comment on column public.invoices.paid_at is 'Instant payment was recorded (UTC).';

create table public.invoice_lines (
  id uuid primary key default gen_random_uuid(),
  invoice_id uuid not null,
  client_id uuid not null,
  position integer not null default 0,
  kind text not null check (kind in ('retainer_fee', 'overage', 'adjustment')),
  description text not null check (char_length(description) between 1 and 500),
  quantity_minutes integer,
  unit_amount_cents bigint,
  amount_cents bigint not null,
  foreign key (invoice_id, client_id) references public.invoices (id, client_id) on delete cascade
);
alter table public.invoice_lines enable row level security;
comment on table public.invoice_lines is 'Lines of an invoice; client_id repeats the invoice''s client for RLS.';
comment on column public.invoice_lines.quantity_minutes is 'Billed minutes (overage line); null for flat lines.';
comment on column public.invoice_lines.unit_amount_cents is 'Price per hour for an overage line, minor unit.';
comment on column public.invoice_lines.amount_cents is 'Line amount in the currency''s minor unit.';
create index invoice_lines_invoice_idx on public.invoice_lines (invoice_id, position);
create index invoice_lines_client_idx on public.invoice_lines (client_id);

create table public.stripe_events (
  id text primary key,
  type text not null,
  received_at timestamptz not null default now(),
  processed_at timestamptz
);
alter table public.stripe_events enable row level security;
comment on table public.stripe_events is 'Stripe webhook events already received (dedupe on event id). Service only.';

revoke all on public.weekly_updates, public.invoices, public.invoice_lines, public.stripe_events from anon, authenticated;
grant all on public.weekly_updates, public.invoices, public.invoice_lines, public.stripe_events to service_role;

grant select, insert, update, delete on public.weekly_updates to authenticated;
create policy "Staff read every update of their clients, members only published ones"
  on public.weekly_updates for select to authenticated
  using (
    client_id in (select private.staffed_client_ids())
    or (status = 'published' and client_id in (select private.member_client_ids()))
  );
create policy "Staff can draft updates for the clients they work for"
  on public.weekly_updates for insert to authenticated
  with check (client_id in (select private.staffed_client_ids()));
create policy "Staff can edit and publish updates of the clients they work for"
  on public.weekly_updates for update to authenticated
  using (client_id in (select private.staffed_client_ids()))
  with check (client_id in (select private.staffed_client_ids()));
create policy "Staff can delete updates of the clients they work for"
  on public.weekly_updates for delete to authenticated
  using (client_id in (select private.staffed_client_ids()));

grant select, insert, update on public.invoices to authenticated;
create policy "Staff and owners (not members) can read invoices"
  on public.invoices for select to authenticated
  using (
    client_id in (select private.staffed_client_ids())
    or client_id in (select private.owned_client_ids())
  );
create policy "Staff can issue invoices for the clients they work for"
  on public.invoices for insert to authenticated
  with check (client_id in (select private.staffed_client_ids()));
create policy "Staff can update invoices of the clients they work for"
  on public.invoices for update to authenticated
  using (client_id in (select private.staffed_client_ids()))
  with check (client_id in (select private.staffed_client_ids()));

grant select, insert on public.invoice_lines to authenticated;
create policy "Staff and owners (not members) can read invoice lines"
  on public.invoice_lines for select to authenticated
  using (
    client_id in (select private.staffed_client_ids())
    or client_id in (select private.owned_client_ids())
  );
create policy "Staff can add lines to invoices of the clients they work for"
  on public.invoice_lines for insert to authenticated
  with check (client_id in (select private.staffed_client_ids()));
