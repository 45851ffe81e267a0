-- The hours ledger, the retainer terms it is measured against, and the monthly billing periods that lock it.

create table public.retainer_terms (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  effective_month date not null check (extract(day from effective_month) = 1),
  included_minutes integer not null check (included_minutes between 0 and 744 * 60),
  monthly_fee_cents bigint not null check (monthly_fee_cents between 0 and 100000000000),
  overage_rate_cents_per_hour bigint not null check (overage_rate_cents_per_hour between 0 and 10000000000),
  overage_increment_minutes integer not null default 15
    check (overage_increment_minutes between 1 and 60 and 60 % overage_increment_minutes = 0),
  rollover_cap_minutes integer not null default 0 check (rollover_cap_minutes between 0 and 744 * 60),
  rollover_expiry_months integer not null default 0 check (rollover_expiry_months between 0 and 24),
  overage_preapproved_minutes integer not null default 0 check (overage_preapproved_minutes between 0 and 744 * 60),
  created_at timestamptz not null default now(),
  unique (client_id, effective_month)
);
alter table public.retainer_terms enable row level security;
comment on table public.retainer_terms is 'Effective-dated retainer terms: the row with the latest effective_month <= M governs month M.';
comment on column public.retainer_terms.effective_month is 'First day of the first month these terms apply to (client zone).';
comment on column public.retainer_terms.included_minutes is 'Minutes included in the monthly fee.';
comment on column public.retainer_terms.monthly_fee_cents is 'Monthly retainer fee in the client currency''s minor unit.';
comment on column public.retainer_terms.overage_rate_cents_per_hour is 'Price of one overage hour in the client currency''s minor unit.';
comment on column public.retainer_terms.overage_increment_minutes is 'Overage is billed rounded up to a multiple of this many minutes (divides 60).';
comment on column public.retainer_terms.rollover_cap_minutes is 'Most minutes that may be carried into a month; 0 = no rollover.';
comment on column public.retainer_terms.rollover_expiry_months is 'Months an unspent bucket stays spendable after the month it was earned in.';
comment on column public.retainer_terms.overage_preapproved_minutes is 'Overage minutes the owner pre-approved; beyond this the engineer is warned.';

create table public.billing_periods (
  client_id uuid not null references public.clients (id) on delete cascade,
  month date not null check (extract(day from month) = 1),
  status text not null default 'open' check (status in ('open', 'closed')),
  closed_at timestamptz,
  closed_by uuid references public.profiles (id) on delete set null,
  statement jsonb,
  primary key (client_id, month),
  check ((status = 'closed') = (closed_at is not null))
);
alter table public.billing_periods enable row level security;
comment on table public.billing_periods is 'A client month; once closed its entries are locked and statement holds what was billed.';
comment on column public.billing_periods.month is 'First day of the month (client zone).';
comment on column public.billing_periods.closed_at is 'Instant the month was closed (UTC).';
comment on column public.billing_periods.statement is 'Snapshot of the statement at close: minutes and _cents integers.';

create table public.time_entries (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  engineer_id uuid not null references public.profiles (id),
  work_date date not null,
  minutes integer not null check (minutes <> 0 and minutes between -1440 and 1440),
  description text not null check (char_length(description) between 1 and 2000),
  category text not null check (category in ('build', 'maintenance', 'audit', 'meeting', 'training', 'support')),
  billable boolean not null default true,
  roadmap_item_id uuid,
  adjusts_entry_id uuid,
  voided_at timestamptz,
  voided_by uuid references public.profiles (id),
  void_reason text check (void_reason is null or char_length(void_reason) between 1 and 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, client_id),
  foreign key (roadmap_item_id, client_id) references public.roadmap_items (id, client_id) on delete set null (roadmap_item_id),
  foreign key (adjusts_entry_id, client_id) references public.time_entries (id, client_id),
  -- Negative minutes exist only as corrections of an earlier entry.
  check (minutes > 0 or adjusts_entry_id is not null),
  check ((voided_at is null) = (void_reason is null))
);
alter table public.time_entries enable row level security;
comment on table public.time_entries is 'The hours ledger. Entries are voided, never deleted; closed months are locked by a trigger.';
comment on column public.time_entries.work_date is 'Calendar day the work was done, in the client''s zone.';
comment on column public.time_entries.minutes is 'Duration in minutes; negative only on an adjustment (adjusts_entry_id set).';
comment on column public.time_entries.adjusts_entry_id is 'The entry of a closed month this adjustment corrects.';
comment on column public.time_entries.voided_at is 'Instant the entry was voided (UTC); voided entries count for nothing.';
comment on column public.time_entries.created_at is 'Instant the entry was logged (UTC).';
create index time_entries_client_date_idx on public.time_entries (client_id, work_date);
create index time_entries_roadmap_item_idx on public.time_entries (roadmap_item_id) where roadmap_item_id is not null;
create index time_entries_adjusts_idx on public.time_entries (adjusts_entry_id) where adjusts_entry_id is not null;
create index time_entries_engineer_idx on public.time_entries (engineer_id);

-- Entries of a closed month cannot be created, changed or removed, whoever asks (service role included).
-- Security definer so the check sees the period even where the caller's RLS would hide it.
create function private.refuse_closed_month_entries() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') and exists (
    select 1 from public.billing_periods bp
    where bp.client_id = old.client_id
      and bp.month = date_trunc('month', old.work_date)::date
      and bp.status = 'closed'
  ) then
    raise exception 'entries of a closed month cannot change'
      using errcode = 'RP001', hint = 'Record an adjustment in an open month instead.';
  end if;
  if tg_op in ('INSERT', 'UPDATE') and exists (
    select 1 from public.billing_periods bp
    where bp.client_id = new.client_id
      and bp.month = date_trunc('month', new.work_date)::date
      and bp.status = 'closed'
  ) then
    raise exception 'that month is closed'
      using errcode = 'RP001', hint = 'Record an adjustment in an open month instead.';
  end if;
  return coalesce(new, old);
end
$$;
revoke execute on function private.refuse_closed_month_entries() from public, anon, authenticated;

create trigger time_entries_refuse_closed_month
  before insert or update or delete on public.time_entries
  for each row execute function private.refuse_closed_month_entries();

-- A closed period stays closed.
create function private.refuse_reopening_periods() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if old.status = 'closed' then
    raise exception 'a closed month cannot be reopened or changed' using errcode = 'RP002';
  end if;
  return new;
end
$$;

create trigger billing_periods_stay_closed
  before update or delete on public.billing_periods
  for each row execute function private.refuse_reopening_periods();

revoke all on public.retainer_terms, public.billing_periods, public.time_entries from anon, authenticated;
grant all on public.retainer_terms, public.billing_periods, public.time_entries to service_role;

grant select, insert, update, delete on public.retainer_terms to authenticated;
create policy "Staff and members can read their clients' retainer terms"
  on public.retainer_terms for select to authenticated
  using (client_id in (select private.readable_client_ids()));
create policy "Staff can set terms for the clients they work for"
  on public.retainer_terms for insert to authenticated
  with check (client_id in (select private.staffed_client_ids()));
create policy "Staff can change terms of the clients they work for"
  on public.retainer_terms for update to authenticated
  using (client_id in (select private.staffed_client_ids()))
  with check (client_id in (select private.staffed_client_ids()));
create policy "Staff can delete terms of the clients they work for"
  on public.retainer_terms for delete to authenticated
  using (client_id in (select private.staffed_client_ids()));

grant select, insert, update on public.billing_periods to authenticated;
create policy "Staff and members can read their clients' billing periods"
  on public.billing_periods for select to authenticated
  using (client_id in (select private.readable_client_ids()));
create policy "Staff can open periods for the clients they work for"
  on public.billing_periods for insert to authenticated
  with check (client_id in (select private.staffed_client_ids()));
create policy "Staff can close periods of the clients they work for"
  on public.billing_periods for update to authenticated
  using (client_id in (select private.staffed_client_ids()))
  with check (client_id in (select private.staffed_client_ids()));

grant select, insert, update on public.time_entries to authenticated;
create policy "Staff and members can read their clients' ledger"
  on public.time_entries for select to authenticated
  using (client_id in (select private.readable_client_ids()));
create policy "Staff can log time for the clients they work for, as themselves"
  on public.time_entries for insert to authenticated
  with check (client_id in (select private.staffed_client_ids()) and engineer_id = (select auth.uid()));
create policy "Staff can edit and void entries of the clients they work for"
  on public.time_entries for update to authenticated
  using (client_id in (select private.staffed_client_ids()))
  with check (client_id in (select private.staffed_client_ids()));
