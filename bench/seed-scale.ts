// The bench's datasets, seeded through the real schema with set-based SQL: bench clients with terms, an owner,
// roadmap items, weekly updates and years of entries; then their past months closed by the real close code.
import postgres from "postgres";
import { closeMonthTx } from "@/lib/billing/close";
import { asServiceOn, openConnection } from "@/lib/db/connection";
import { addMonths, localDate, monthOf } from "@/lib/domain/dates";
import { demoId } from "@/lib/dev/seed";

/** `entriesPerClient` entries for each bench client i in first..last over 36 months, with terms, an owner, roadmap items, weekly updates. */
export async function seedScale(admin: postgres.Sql, first: number, last: number, entriesPerClient: number) {
  const engineer = demoId("sam@practice.test");
  const bench = (i: number) => `bench-${String(i).padStart(3, "0")}`;
  await admin`insert into auth.users (id, email) select gen_random_uuid(), 'owner-' || i || '@bench.test' from generate_series(${first}::int, ${last}::int) i`;
  // Owners who have said their name, as on every visit after the first (the first asks for it on every page).
  await admin`update public.profiles set full_name = 'Owner ' || substr(email, 7, position('@' in email) - 7) where email like 'owner-%@bench.test' and full_name = ''`;
  await admin`
    insert into public.clients (name, slug, timezone, currency)
    select 'Bench client ' || i, 'bench-' || lpad(i::text, 3, '0'),
           (array['America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'Pacific/Auckland'])[1 + i % 4],
           (array['USD', 'EUR', 'JPY', 'NZD'])[1 + i % 4]
    from generate_series(${first}::int, ${last}::int) i`;
  const range = admin`c.slug between ${bench(first)} and ${bench(last)}`;
  await admin`
    insert into public.client_members (client_id, user_id, role)
    select c.id, u.id, 'owner' from public.clients c join auth.users u on u.email = 'owner-' || ltrim(substr(c.slug, 7), '0') || '@bench.test'
    where ${range}`;
  await admin`insert into public.client_engineers (client_id, user_id) select c.id, ${engineer} from public.clients c where ${range}`;
  await admin`
    insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour,
      overage_increment_minutes, rollover_cap_minutes, rollover_expiry_months, overage_preapproved_minutes)
    select id, date_trunc('month', now() - interval '36 months')::date, 1800, 500000, 20000, 15, 600, 2, 240
    from public.clients c where ${range}`;
  // 16 items per client: positions 0–15 across the lanes; entries link to positions 0–11, a quarter stay unlinked.
  await admin`
    insert into public.roadmap_items (client_id, title, description, status, position, estimate_minutes)
    select c.id, 'Roadmap item ' || p, 'What item ' || p || ' delivers and why it matters.',
           (array['shipped', 'shipped', 'in_progress', 'planned', 'proposed', 'dropped'])[1 + p % 6], p, 600 + 60 * p
    from public.clients c cross join generate_series(0, 15) p where ${range}`;
  await admin`update public.roadmap_items r set shipped_at = case when status = 'shipped' then now() - make_interval(days => position) end,
                drop_reason = case when status = 'dropped' then 'No longer needed.' end
              from public.clients c where c.id = r.client_id and ${range} and status in ('shipped', 'dropped')`;
  // Bulk load without triggers (no bench client has been viewed yet, so no cached page can go stale, and no
  // month is closed yet); the closes below run the real code with every trigger.
  await admin.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`
    insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, billable, roadmap_item_id)
    select c.id, ${engineer}, (now() - interval '36 months')::date + (random() * (current_date - 1 - (now() - interval '36 months')::date))::int,
           15 * (1 + (random() * 8)::int), 'Bench work ' || g, (array['build','maintenance','audit','meeting','training','support'])[1 + g % 6], g % 9 <> 0, r.id
    from public.clients c cross join generate_series(1, ${entriesPerClient}) g
    left join public.roadmap_items r on r.client_id = c.id and r.position = g % 16 and g % 16 < 12
    where ${range}`;
    await tx`select private.rebuild_ledger_days()`; // the triggers that keep the ledger's day sums were skipped
  });
  await admin`
    insert into public.weekly_updates (client_id, week_start, status, title, body_md, source, published_at)
    select c.id, w::date, 'published', 'Week of ' || to_char(w, 'FMMonth FMDD'),
           E'## Highlights\n- Shipped the next slice of **Roadmap item ' || (extract(week from w)::int % 12) || E'**.\n- Kept the lights on: upgrades and support.\n\n## Next week\nContinue with the planned items.',
           'template', w + interval '4 days'
    from public.clients c cross join generate_series(date_trunc('week', now() - interval '36 months'), date_trunc('week', now()) - interval '1 week', interval '1 week') w
    where ${range}`;
  await admin`analyze`;
}

/**
 * Closes every ended month but the last of the bench clients of the database `appUrl` reaches (the app's role),
 * with the real close code (local invoices), a few at a time.
 */
export async function closeHistory(appUrl: string) {
  const db = openConnection(appUrl, { max: 6 });
  try {
    const clients = await asServiceOn(db, (tx) => tx<{ id: string; timezone: string }[]>`select id, timezone from public.clients where slug like 'bench-%'`);
    const now = new Date();
    const work = clients.flatMap((c) => {
      const current = monthOf(localDate(now, c.timezone));
      const months = [];
      for (let m = addMonths(current, -36); m < addMonths(current, -1); m = addMonths(m, 1)) months.push(m);
      return months.map((m) => ({ id: c.id, month: m }));
    });
    let next = 0;
    const worker = async () => {
      while (next < work.length) {
        const { id, month } = work[next++];
        await asServiceOn(db, (tx) => closeMonthTx(tx, id, month, { actorId: null, now, invoicing: "local" }));
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    return work.length;
  } finally {
    await db.end();
  }
}
