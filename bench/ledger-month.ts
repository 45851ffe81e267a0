// A ledger month of 200,000 entries (issue 24): one client whose current month holds them all, read by its owner,
// a member and its engineer — the newest page, a page from the middle (a cursor 100,000 entries deep) and a
// filtered page — one request at a time with the page's data cache missed before each (a write moves the
// client's version), so every request runs the page's queries: its p95 on loopback (an upper bound of the
// server's time) and the largest HTML any of these views sends (BENCH_DUMP=<file> writes that page, to see what weighs).
import fs from "node:fs";
import type postgres from "postgres";
import { localDate, monthOf } from "@/lib/domain/dates";
import { demoId } from "@/lib/dev/seed";
import { record } from "./report";
import { sessionCookie } from "./sessions";
import { BASE } from "./settings";
import { quantile } from "./stats";

const ENTRIES = 200_000;
const REQUESTS = 40;
const WARMUP = 5;

/** The busy client, its people and its month; seeded set-based without triggers (nothing of it is cached yet). */
async function seedBusyMonth(admin: postgres.Sql) {
  const zone = "America/New_York";
  const month = monthOf(localDate(new Date(), zone));
  const [{ id: clientId }] = await admin<{ id: string }[]>`
    insert into public.clients (name, slug, timezone, currency) values ('Busy month', 'busy-month', ${zone}, 'USD') returning id`;
  const people = await admin<{ id: string; email: string }[]>`
    insert into auth.users (id, email) values (gen_random_uuid(), 'owner@busy.test'), (gen_random_uuid(), 'member@busy.test') returning id, email`;
  const [owner, member] = ["owner@busy.test", "member@busy.test"].map((email) => people.find((p) => p.email === email)!);
  await admin`insert into public.client_members (client_id, user_id, role) values (${clientId}, ${owner.id}, 'owner'), (${clientId}, ${member.id}, 'member')`;
  // Priya, the demo's engineer: assigned to the demo's clients and this one. Sam, the admin, is the engineer of
  // all 200 bench clients, and his every page carries them in the log-time dialog: that is the shell's weight,
  // measured apart, not the ledger's.
  const engineer = { id: demoId("priya@practice.test"), email: "priya@practice.test" };
  await admin`insert into public.client_engineers (client_id, user_id) values (${clientId}, ${engineer.id})`;
  await admin`
    insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour, overage_increment_minutes)
    values (${clientId}, ${month}, 2400, 600000, 20000, 15)`;
  await admin`
    insert into public.roadmap_items (client_id, title, status, position)
    select ${clientId}, 'Busy item ' || p, (array['planned', 'in_progress', 'shipped'])[1 + p % 3], p from generate_series(0, 11) p`;
  await admin.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`
      insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, billable, roadmap_item_id, voided_at, voided_by, void_reason)
      select ${clientId}, ${engineer.id}, ${month}::date + (g % 28), 15 * (1 + g % 8),
             'Busy work ' || g || ': a description as long as a real one, with the ticket it closed and what it changed',
             (array['build','maintenance','audit','meeting','training','support'])[1 + g % 6], g % 9 <> 0,
             (select r.id from public.roadmap_items r where r.client_id = ${clientId} and r.position = g % 12),
             case when g % 50 = 0 then now() end, case when g % 50 = 0 then ${engineer.id}::uuid end, case when g % 50 = 0 then 'Logged twice' end
      from generate_series(1, ${ENTRIES}) g`;
    await tx`select private.rebuild_ledger_days(${clientId})`; // the triggers that keep the ledger's day sums were skipped
  });
  await admin`vacuum analyze public.time_entries`;
  // The seed's 200,000 rows are still dirty in shared buffers: flushed now, not by a checkpoint halfway through the
  // measurement (in the full bench this seed follows the million-entry one, and p95 was the checkpoint's).
  await admin`checkpoint`;
  const [{ id: deep }] = await admin<{ id: string }[]>`
    select id from public.time_entries where client_id = ${clientId}
    order by work_date desc, created_at desc, id desc offset ${ENTRIES / 2} limit 1`;
  return { clientId, month, owner, member, engineer, deep };
}

export async function measureBusyMonth(admin: postgres.Sql) {
  const busy = await seedBusyMonth(admin);
  const base = `${BASE}/clients/${busy.clientId}/hours`;
  const views = { "newest page": base, "page 100,000 entries deep": `${base}?after=${busy.deep}`, "filtered (build, billable)": `${base}?category=build&billable=yes` };
  const viewers = { owner: busy.owner, member: busy.member, engineer: busy.engineer };
  const times: number[] = [];
  let largest = { bytes: 0, what: "" };
  for (const [who, person] of Object.entries(viewers)) {
    const cookie = await sessionCookie(admin, { sub: person.id, email: person.email, role: "authenticated" });
    for (const [view, url] of Object.entries(views)) {
      for (let i = 0; i < WARMUP + REQUESTS; i++) {
        await admin`update public.clients set name = name where id = ${busy.clientId}`; // the page's data cache misses
        const t0 = performance.now();
        const res = await fetch(url, { headers: { cookie } });
        const body = await res.arrayBuffer();
        if (!res.ok) throw new Error(`${url} as the ${who}: ${res.status}`);
        if (i < WARMUP) continue;
        times.push(performance.now() - t0);
        if (body.byteLength > largest.bytes) {
          largest = { bytes: body.byteLength, what: `${view}, as the ${who}` };
          if (process.env.BENCH_DUMP) fs.writeFileSync(process.env.BENCH_DUMP, Buffer.from(body)); // to see what weighs
        }
      }
    }
  }
  const p95 = quantile(times, 0.95);
  record(`ledger of a ${ENTRIES.toLocaleString("en-US")}-entry month, cache missed (owner, member, engineer × newest, deep, filtered; ${times.length} requests)`,
    `p50 ${quantile(times, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`, { target: "p95 < 150 ms", met: p95 < 150, key: "ledger_200k_month", raw: { p50: quantile(times, 0.5), p95 } });
  const kb = largest.bytes / 1024;
  record("largest ledger page of that month (HTML)", `${kb.toFixed(0)} kB (${largest.what})`, { target: "≤ 300 kB", met: kb <= 300, key: "ledger_200k_month_html_kb", raw: kb });
}
