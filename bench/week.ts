// The engineer's week and search at scale (issue 25), one request at a time on the scale dataset (1M entries):
//   - /week of an engineer (Priya) with 200 entries this week across 10 of the 200 bench clients and the demo's,
//     each with a few roadmap items: p95 of the page on loopback (an upper bound of the server's time);
//   - /search for a word 200 entries hold (one per bench client, among 1,000,000), as Sam who sees every client,
//     and as one client's owner: p95 each.
import type postgres from "postgres";
import type { Claims } from "@/lib/db";
import { demoId } from "@/lib/dev/seed";
import { record } from "./report";
import { sessionCookie, type Owner } from "./sessions";
import { BASE } from "./settings";
import { quantile } from "./stats";

// A server's steady state: the first requests of a page run its code before V8 has optimized it (with 5 warm-up
// requests and 40 measured, the week's p95 was the second slowest of 40 and moved 44–51 ms between runs).
const REQUESTS = 100;
const WARMUP = 20;

async function timed(url: string, cookie: string, check: (html: string) => boolean) {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    const html = await res.text();
    if (!res.ok || !check(html)) throw new Error(`${url}: ${res.status}`);
    if (i >= WARMUP) times.push(performance.now() - t0);
  }
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

export async function measureWeekAndSearch(admin: postgres.Sql, owner: Owner) {
  const priya = { sub: demoId("priya@practice.test"), email: "priya@practice.test", role: "authenticated" } as Claims;
  await admin`update public.profiles set timezone = 'UTC' where id = ${priya.sub}`;
  const clients = await admin<{ id: string }[]>`select id from public.clients where slug like 'bench-%' order by slug limit 10`;
  await admin`insert into public.client_engineers (client_id, user_id) select id, ${priya.sub} from public.clients where id in ${admin(clients.map((c) => c.id))} on conflict do nothing`;
  // 200 entries this week (Monday to today, UTC), spread over the 10 clients and a few items of each.
  await admin`
    insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, billable, roadmap_item_id)
    select c.id, ${priya.sub}, current_date - (g % extract(isodow from current_date)::int), 15 * (1 + g % 6), 'Week bench ' || g, 'build', true,
           (select r.id from public.roadmap_items r where r.client_id = c.id and r.position = g % 3)
    from generate_series(0, 199) g
    join lateral (select id from public.clients where id in ${admin(clients.map((c) => c.id))} order by id offset (g % 10) limit 1) c on true`;
  // Measured on a settled database, as the busy month is: the seeds' vacuum and checkpoint are not the page's cost.
  await admin`vacuum analyze public.time_entries`;
  await admin`checkpoint`;
  const [{ n }] = await admin<{ n: number }[]>`
    select count(*)::int as n from public.time_entries where engineer_id = ${priya.sub} and work_date >= date_trunc('week', current_date)::date`;
  const week = await timed(`${BASE}/week`, await sessionCookie(admin, priya), (html) => html.includes("Your week"));
  record(`/week of an engineer with ${n} entries this week (10 of the scale dataset's clients and the demo's), one at a time`,
    `p50 ${week.p50.toFixed(1)} ms, p95 ${week.p95.toFixed(1)} ms`, { target: "p95 < 50 ms", met: week.p95 < 50, key: "week_200", raw: week });

  const sam = { sub: demoId("sam@practice.test"), email: "sam@practice.test", role: "authenticated" } as Claims;
  const [{ hits }] = await admin<{ hits: number }[]>`select count(*)::int as hits from public.time_entries where search @@ to_tsquery('simple', '4242:*')`;
  const [{ total }] = await admin<{ total: number }[]>`select count(*)::int as total from public.time_entries`;
  const all = await timed(`${BASE}/search?q=4242`, await sessionCookie(admin, sam), (html) => html.includes("Entries ("));
  record(`search over ${total.toLocaleString("en-US")} entries for a word ${hits} of them hold, as the admin who sees every client`,
    `p50 ${all.p50.toFixed(1)} ms, p95 ${all.p95.toFixed(1)} ms`, { target: "p95 < 100 ms", met: all.p95 < 100, key: "search_1M", raw: { ...all, hits, total } });
  const own = await timed(`${BASE}/search?q=4242`, owner.cookie, (html) => html.includes("Entries ("));
  record("the same search as one client's owner (RLS keeps it to their client)", `p50 ${own.p50.toFixed(1)} ms, p95 ${own.p95.toFixed(1)} ms`,
    { key: "search_1M_owner", raw: own });
}
