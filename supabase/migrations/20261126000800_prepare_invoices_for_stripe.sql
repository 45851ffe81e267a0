-- What the month close needs to push an invoice to Stripe step by step and heal after a crash, local
-- invoice numbers from a sequence, and invoice statuses that only ever move forward.

alter table public.invoices
  add column stripe_sent_at timestamptz,
  add column push_started_at timestamptz,
  add column pushed_at timestamptz,
  add column push_error text;
comment on column public.invoices.stripe_sent_at is 'Instant Stripe was asked to email the invoice (UTC).';
comment on column public.invoices.push_started_at is 'Lease: instant a runner started pushing to Stripe (UTC); stale after 5 minutes.';
comment on column public.invoices.pushed_at is 'Instant the Stripe push completed (UTC); null while it still has to run.';
comment on column public.invoices.push_error is 'Last push failure, for staff (never shown to owners).';
create index invoices_unpushed_idx on public.invoices (created_at) where pushed_at is null;
create index invoices_client_idx on public.invoices (client_id, month desc);

alter table public.invoice_lines add column stripe_invoice_item_id text unique;
comment on column public.invoice_lines.stripe_invoice_item_id is 'The Stripe invoice item created for this line.';

-- Local invoice numbers: INV-00001, … from the practice-wide sequence (gaps are possible, duplicates never).
create function private.next_invoice_number() returns text
language sql volatile security definer set search_path = ''
as $$
  select 'INV-' || lpad(nextval('private.invoice_number_seq')::text, 5, '0')
$$;
revoke execute on function private.next_invoice_number() from public, anon, authenticated;
grant execute on function private.next_invoice_number() to service_role;

-- draft → open → paid | void | uncollectible; uncollectible → paid | void. Nothing moves back.
create function private.invoice_status_moves_forward() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.status is distinct from old.status and not (
    (old.status = 'draft' and new.status in ('open', 'paid', 'void', 'uncollectible'))
    or (old.status = 'open' and new.status in ('paid', 'void', 'uncollectible'))
    or (old.status = 'uncollectible' and new.status in ('paid', 'void'))
  ) then
    raise exception 'invoice status cannot move from % to %', old.status, new.status using errcode = 'RP003';
  end if;
  return new;
end
$$;

create trigger invoices_status_forward
  before update of status on public.invoices
  for each row execute function private.invoice_status_moves_forward();
