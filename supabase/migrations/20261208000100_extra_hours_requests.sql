-- Extra hours approved in advance (issue 23). The engineer (or an owner) asks for N extra hours in one month,
-- optionally for a roadmap item, with a reason and a price: the client's overage rate, or a quoted amount for
-- the block. Owners approve (with an optional PO number) or decline; staff never approve, and nobody approves
-- their own request. An approved request raises that month's pre-approved ceiling in the retainer math
-- (lib/domain/retainer) and the overage it covers is billed at the agreed price; open requests lapse when their
-- month closes. Every write is the app's (service role) inside the command that authorized it: who asked, who
-- decided, the status and the price are no signed-in role's to write directly. Everyone of the client reads the
-- requests; the quoted amount only through private.extra_hours_prices (staff and owners, as term prices).

create table public.extra_hours_requests (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  month date not null check (extract(day from month) = 1),
  minutes integer not null check (minutes between 15 and 744 * 60),
  roadmap_item_id uuid,
  reason text not null check (char_length(reason) between 1 and 1000),
  quoted_cents bigint check (quoted_cents is null or quoted_cents between 0 and 100000000000),
  status text not null default 'open' check (status in ('open', 'approved', 'declined', 'withdrawn', 'lapsed')),
  requested_by uuid not null references public.profiles (id),
  requested_at timestamptz not null default now(),
  decided_by uuid references public.profiles (id),
  decided_at timestamptz,
  po_number text check (po_number is null or char_length(po_number) between 1 and 100),
  decision_note text check (decision_note is null or char_length(decision_note) between 1 and 1000),
  foreign key (roadmap_item_id, client_id) references public.roadmap_items (id, client_id) on delete set null (roadmap_item_id),
  check ((status in ('approved', 'declined')) = (decided_by is not null and decided_at is not null)),
  check (po_number is null or status = 'approved')
);
alter table public.extra_hours_requests enable row level security;
comment on table public.extra_hours_requests is
  'Extra hours asked for one month and the owners'' decision; approved ones raise the month''s ceiling (issue 23). Written by the app only.';
comment on column public.extra_hours_requests.client_id is 'The client the hours are for.';
comment on column public.extra_hours_requests.month is 'The month (client zone, its 1st) the extra hours are for.';
comment on column public.extra_hours_requests.minutes is 'How many extra minutes: 15 minutes to a month''s worth.';
comment on column public.extra_hours_requests.roadmap_item_id is 'The roadmap item the hours are for, if any.';
comment on column public.extra_hours_requests.reason is 'Why: what the hours will build, as the owner reads it.';
comment on column public.extra_hours_requests.quoted_cents is 'A quoted price for the whole block (client currency, minor units); null: the overage rate.';
comment on column public.extra_hours_requests.status is 'open, approved, declined (by an owner), withdrawn (by whoever asked or staff), lapsed (its month closed while open).';
comment on column public.extra_hours_requests.requested_by is 'Who asked: an engineer of the client or an owner.';
comment on column public.extra_hours_requests.requested_at is 'Instant of the request (UTC).';
comment on column public.extra_hours_requests.decided_by is 'The owner who approved or declined.';
comment on column public.extra_hours_requests.decided_at is 'Instant of the decision (UTC).';
comment on column public.extra_hours_requests.po_number is 'The purchase order number the approving owner gave, if any.';
comment on column public.extra_hours_requests.decision_note is 'What the owner said with the decision, if anything.';
create index extra_hours_requests_client_month_idx on public.extra_hours_requests (client_id, month);

revoke all on public.extra_hours_requests from anon, authenticated;
grant all on public.extra_hours_requests to service_role;
grant select (id, client_id, month, minutes, roadmap_item_id, reason, status, requested_by, requested_at, decided_by, decided_at,
  po_number, decision_note) on public.extra_hours_requests to authenticated;
create policy "The client's people and staff read its extra hours requests"
  on public.extra_hours_requests for select to authenticated using (client_id in (select private.readable_client_ids()));

create function private.extra_hours_prices(p_client_ids uuid[])
returns table (request_id uuid, quoted_cents bigint)
language sql stable security definer set search_path = ''
as $$
  select r.id, r.quoted_cents
  from public.extra_hours_requests r
  where r.client_id = any (p_client_ids)
    and ((select private.caller_reads_column('public.extra_hours_requests', 'quoted_cents'))
         or r.client_id in (select private.money_client_ids()))
$$;
comment on function private.extra_hours_prices(uuid[]) is
  'Quoted prices of those clients'' extra hours requests, for staff and owners of each (and the service role); no row for anyone else.';
revoke execute on function private.extra_hours_prices(uuid[]) from public, anon;
grant execute on function private.extra_hours_prices(uuid[]) to authenticated, service_role;

-- An approval changes the client's numbers: cached pages of the client are rendered again.
create constraint trigger extra_hours_requests_bump_version after insert or update or delete on public.extra_hours_requests
  deferrable initially deferred for each row execute function private.bump_client_data_version();
