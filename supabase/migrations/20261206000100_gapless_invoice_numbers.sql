-- Local invoice numbers without gaps (issue 27). A sequence hands a number even to a close that then rolls
-- back (a crash, a failed insert, a SIGKILL), so the numbers on paper skipped. Many tax authorities want an
-- unbroken series. Now the practice's counter row is updated in the close's own transaction
-- (lib/db/invoices.ts nextLocalInvoiceNumber): a rollback undoes the increment with everything else, and the
-- row lock makes concurrent closes take turns between taking a number and committing.

create table private.invoice_counters (
  practice boolean primary key default true check (practice) references public.practice_settings (id),
  last bigint not null default 0 check (last >= 0)
);
alter table private.invoice_counters enable row level security;
comment on table private.invoice_counters is 'The practice''s local invoice counter: one row (practice = true), updated in the close''s transaction so numbers have no gaps. Service role only.';
comment on column private.invoice_counters.practice is 'The practice the counter numbers for; the one row of public.practice_settings.';
comment on column private.invoice_counters.last is 'The last local invoice number issued (INV-00042 → 42); 0 before the first.';

-- Continue from the highest local number ever issued, so upgrading never reuses one: the invoices, and the
-- audit trail of every close as a second witness. Local numbers are INV- and digits; Stripe's are its own.
-- The share lock waits for closes still in flight on the old sequence and holds new ones until this commits.
-- One statement (a DO block), so the lock and the seed share a transaction whether or not the migration
-- runner wraps the file in one.
do $$
begin
  lock table public.invoices in share mode;
  insert into private.invoice_counters (practice, last)
  select true, coalesce(max(n), 0) from (
    select substring(number from '^INV-([0-9]{1,18})$')::bigint as n from public.invoices
    union all
    select substring(data ->> 'number' from '^INV-([0-9]{1,18})$')::bigint from public.audit_events where action = 'month.closed'
  ) issued;
end
$$;

revoke all on private.invoice_counters from public, anon, authenticated;
grant select, update on private.invoice_counters to service_role;

-- The sequence and its function are unused now.
drop function private.next_invoice_number();
drop sequence private.invoice_number_seq;
