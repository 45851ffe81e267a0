// `npm run bench` (issue 8): the performance budgets of DESIGN.md §9, measured at realistic scale on the
// embedded stack, side by side in one run.
//   1. Seeds, through the real schema with set-based SQL, a small dataset (2 clients × 5,000 entries) and then
//      the scale dataset (200 clients, ~1,000,000 entries over 3 years, roadmap items, weekly updates, closed
//      months with invoices — closed by the real close code).
//   2. Builds the app if needed and runs `next start`; autocannon on loopback measures the owner dashboard and
//      the ledger against their fixture twins (the same route tree and components rendered from a saved copy
//      of the same data at /bench/clients/<id>, enabled only by RP_BENCH_FIXTURE), the dashboard at 1M vs 10k
//      entries (warm and with its cache missed), and logging an entry through the real server action (server
//      time from the action's own log line).
//   3. Closes 200 clients' months against the in-repo Stripe double.
//   4. Sums the gzipped JavaScript the owner dashboard loads, and runs Lighthouse (Debian's Chromium,
//      headless) on the dashboard, ledger, roadmap and updates pages.
// Writes bench/results/latest.json and latest.md, and prints the table.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import autocannon from "autocannon";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import postgres from "postgres";
import { signSession } from "@/lib/auth/jwt";
import { saveBenchFixture } from "@/app/bench/fixture-file";
import { closeMonth, closeMonthTx } from "@/lib/billing/close";
import { asService, asUser, sql, type Claims } from "@/lib/db";
import { getClientAccess } from "@/lib/db/clients";
import { loadViewer } from "@/lib/db/viewer";
import { addMonths, localDate, monthOf } from "@/lib/domain/dates";
import { startCluster } from "@/lib/dev/embedded-postgres";
import { applyBootstrap, migrate } from "@/lib/db/migrate";
import { demoId, seed } from "@/lib/dev/seed";
import { ledgerData, overviewData } from "@/lib/page-data";
import { encodeReply } from "../tests/stress/harness";
import { startStripeDouble } from "../tests/doubles/stripe";

const PG_PORT = 54379;
const APP_PORT = 3400;
const BASE = `http://localhost:${APP_PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const ROUNDS = 4;
const DIR = "/tmp/retainer-portal-bench";
const SECRET = "bench-session-secret-0123456789abcdef";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

interface Row { measure: string; value: string; target: string; met?: boolean }
const rows: Row[] = [];
const results: Record<string, unknown> = {};
function record(measure: string, value: string, opts: { target?: string; met?: boolean; key?: string; raw?: unknown } = {}) {
  rows.push({ measure, value, target: opts.target ?? "", met: opts.met });
  if (opts.key) results[opts.key] = opts.raw;
  const verdict = opts.met === undefined ? "" : opts.met ? " ✓" : " ✗";
  process.stdout.write(`  ${measure}: ${value}${opts.target ? ` (target ${opts.target})${verdict}` : ""}\n`);
}
const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

// ---------------------------------------------------------------------------------------------------------
// Seeding

/** `entriesPerClient` entries for each bench client i in first..last over 36 months, with terms, an owner, roadmap items, weekly updates. */
async function seedScale(admin: postgres.Sql, first: number, last: number, entriesPerClient: number) {
  const engineer = demoId("sam@practice.test");
  const bench = (i: number) => `bench-${String(i).padStart(3, "0")}`;
  await admin`insert into auth.users (id, email) select gen_random_uuid(), 'owner-' || i || '@bench.test' from generate_series(${first}::int, ${last}::int) i`;
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

/** Closes every ended month but the last of the bench clients, with the real close code (local invoices), a few at a time. */
async function closeHistory() {
  const clients = await asService((tx) => tx<{ id: string; timezone: string }[]>`select id, timezone from public.clients where slug like 'bench-%'`);
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
      await asService((tx) => closeMonthTx(tx, id, month, { actorId: null, now, invoicing: "local" }));
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return work.length;
}

// ---------------------------------------------------------------------------------------------------------
// The app

interface App { child: ChildProcess; actionLog: { action: string; ok: boolean; ms: number }[] }

async function startApp(env: Record<string, string>): Promise<App> {
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(APP_PORT)], {
    env: { ...process.env, ...env, NODE_ENV: "production", LOG_LEVEL: "info", DATABASE_POOL_SIZE: "20" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const app: App = { child, actionLog: [] };
  let buffer = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith("{")) continue;
      const entry = JSON.parse(line) as { msg?: string; action?: string; ok?: boolean; ms?: number };
      if (entry.msg === "action" && entry.action) app.actionLog.push({ action: entry.action, ok: Boolean(entry.ok), ms: Number(entry.ms) });
    }
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${BASE}/login`)).ok) return app;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("next start did not come up");
}

async function stopApp(app: App) {
  app.child.kill("SIGTERM");
  if (app.child.exitCode === null) await new Promise((r) => app.child.once("exit", r));
}

interface Load { rps: number; p50: number; p99: number }

async function load(url: string, cookie: string, duration = SECONDS): Promise<Load> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration, headers: { cookie } });
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}
const mean = (ls: Load[]): Load => ({
  rps: ls.reduce((a, l) => a + l.rps, 0) / ls.length,
  p50: ls.reduce((a, l) => a + l.p50, 0) / ls.length,
  p99: ls.reduce((a, l) => a + l.p99, 0) / ls.length,
});
const show = (l: Load) => `${l.rps.toFixed(1)} req/s, p50 ${l.p50.toFixed(0)} ms, p99 ${l.p99.toFixed(0)} ms`;

// ---------------------------------------------------------------------------------------------------------
// Measures

/** The dashboard with its data cache missed every time (a write before each request moves the version). */
async function coldDashboard(admin: postgres.Sql, url: string, cookie: string, clientId: string) {
  const times: number[] = [];
  for (let i = 0; i < 60; i++) {
    await admin`update public.clients set name = name where id = ${clientId}`;
    const t0 = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    await res.text();
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    if (i >= 10) times.push(performance.now() - t0);
  }
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}
const quantile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))];

async function ownerOf(admin: postgres.Sql, n: number) {
  const [owner] = await admin<{ id: string; email: string; clientId: string }[]>`
    select u.id, u.email, cm.client_id as "clientId" from auth.users u join public.client_members cm on cm.user_id = u.id
    where u.email = ${`owner-${n}@bench.test`}`;
  const claims: Claims = { sub: owner.id, email: owner.email, role: "authenticated" };
  return { ...owner, claims, cookie: `rp_session=${await signSession(claims, SECRET)}` };
}

/** What the owner's dashboard and ledger show right now, saved for the fixture twins. */
async function saveFixture(file: string, claims: Claims, clientId: string) {
  const now = new Date();
  const fixture = await asUser(claims, async (tx) => {
    const viewer = await loadViewer(tx, claims.sub, claims.email);
    const { client } = await getClientAccess(tx, { clientId });
    return { viewer, client, overview: await overviewData(tx, client, now), ledger: await ledgerData(tx, client, {}, now) };
  });
  saveBenchFixture(file, fixture);
}

async function measureLogEntry(app: App) {
  const sam = demoId("sam@practice.test");
  const cookie = `rp_session=${await signSession({ sub: sam, email: "sam@practice.test", role: "authenticated" }, SECRET)}`;
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { exportedName: string }> };
  const actionId = Object.entries(manifest.node).find(([, e]) => e.exportedName === "logEntryAction")![0];
  const kiwi = demoId("client:kiwi");
  const response: number[] = [];
  const before = app.actionLog.length;
  for (let i = 0; i < 220; i++) {
    const form = new FormData();
    const fields = { clientId: kiwi, workDate: localDate(new Date(), "Pacific/Auckland"), minutes: "15m", description: `Bench ${i}`, category: "support", billable: "on", confirmOverage: "1" };
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const body = await encodeReply([null, form]);
    const t0 = performance.now();
    const res = await fetch(`${BASE}/clients/${kiwi}/hours`, { method: "POST", body: body as FormData, headers: { "next-action": actionId, accept: "text/x-component", cookie, origin: BASE } });
    await res.text();
    if (i >= 20) response.push(performance.now() - t0); // the first 20 warm the process up
  }
  await new Promise((r) => setTimeout(r, 300)); // the last log lines
  const server = app.actionLog.slice(before).filter((e) => e.action === "entry.log").slice(20);
  if (server.length !== 200 || !server.every((e) => e.ok)) throw new Error(`expected 200 successful entry.log lines, got ${server.length}`);
  const serverTimes = server.map((e) => e.ms);
  record("log an entry: server time of the action (validate, authorize, insert with audit and alerts)", `p50 ${quantile(serverTimes, 0.5).toFixed(1)} ms, p95 ${quantile(serverTimes, 0.95).toFixed(1)} ms`,
    { target: "p95 < 25 ms", met: quantile(serverTimes, 0.95) < 25, key: "log_entry_server", raw: { p50: quantile(serverTimes, 0.5), p95: quantile(serverTimes, 0.95) } });
  record("log an entry: whole response on loopback (incl. the refreshed page Next sends back)", `p50 ${quantile(response, 0.5).toFixed(1)} ms, p95 ${quantile(response, 0.95).toFixed(1)} ms`,
    { key: "log_entry_response", raw: { p50: quantile(response, 0.5), p95: quantile(response, 0.95) } });
}

async function measureBundle(cookie: string, clientId: string) {
  const html = await (await fetch(`${BASE}/clients/${clientId}`, { headers: { cookie } })).text();
  // Scripts a modern browser fetches: `noModule` polyfills are skipped by every browser that runs modules.
  const scripts = new Set([...html.matchAll(/<script([^>]*)src="([^"]+)"([^>]*)>/g)]
    .filter((m) => !/nomodule/i.test(m[1] + m[3])).map((m) => m[2]).filter((s) => s.startsWith("/_next/static/"))
    .map((s) => s.replace("/_next/", "")));
  const gzip = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(".next", file)), { level: 9 }).length;
  const runtime = new Set((JSON.parse(fs.readFileSync(".next/build-manifest.json", "utf8")) as { rootMainFiles: string[] }).rootMainFiles);
  let total = 0;
  let framework = 0;
  for (const s of scripts) {
    const size = gzip(s);
    total += size;
    if (runtime.has(s)) framework += size;
  }
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  record("owner dashboard first-load JS (gzipped)", `${kb(total)} in ${scripts.size} files: ${kb(framework)} Next and React runtime (the build's rootMainFiles, the same on every page), ${kb(total - framework)} route chunks`,
    { target: "≤ 130 kB", met: total <= 130 * 1024, key: "dashboard_js_gzip", raw: { total, framework, route: total - framework } });
}

async function measureLighthouse(cookie: string, clientId: string) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  const scores: Record<string, { performance: number; accessibility: number; formFactor: string }> = {};
  try {
    const pages = { dashboard: "", ledger: "/hours", roadmap: "/roadmap", updates: "/updates" };
    for (const [formFactor, config] of [["mobile", undefined], ["desktop", desktopConfig]] as const) {
      for (const [name, suffix] of Object.entries(pages)) {
        const result = await lighthouse(`${BASE}/clients/${clientId}${suffix}`, {
          port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"], extraHeaders: { cookie },
        }, config);
        const lhr = result!.lhr;
        const performance = Math.round((lhr.categories.performance.score ?? 0) * 100);
        const accessibility = Math.round((lhr.categories.accessibility.score ?? 0) * 100);
        scores[`${name}_${formFactor}`] = { performance, accessibility, formFactor };
        const failing = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1 && lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id && r.weight > 0));
        record(`Lighthouse ${name} (${formFactor})`, `performance ${performance}, accessibility ${accessibility}${failing.length ? ` (failing: ${failing.map((a) => a.id).join(", ")})` : ""}`,
          { target: "≥ 95 / 100", met: performance >= 95 && accessibility === 100 });
      }
    }
  } finally {
    chrome.kill();
  }
  results.lighthouse = scores;
}

async function measureClose(adminUrl: string) {
  const stripe = await startStripeDouble();
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const clients = await admin<{ id: string; timezone: string }[]>`select id, timezone from public.clients where slug like 'bench-%' order by slug limit 200`;
  await admin.end();
  const cfg = { secretKey: "sk_test_bench", host: "127.0.0.1", port: stripe.port, protocol: "http" as const };
  const now = new Date();
  const t0 = performance.now();
  let pushed = 0;
  for (const c of clients) {
    const r = await closeMonth(c.id, addMonths(monthOf(localDate(now, c.timezone)), -1), { actorId: null, now, stripe: cfg });
    if (r.outcome === "closed" && r.pushed) pushed++;
  }
  const s = (performance.now() - t0) / 1000;
  if (pushed !== clients.length) throw new Error(`${pushed} of ${clients.length} months closed and pushed`);
  record(`close ${clients.length} clients' months, each invoice pushed to the Stripe double`, `${s.toFixed(1)} s total, ${((s * 1000) / clients.length).toFixed(0)} ms per client`,
    { target: "< 10 s", met: s < 10, key: "close_200", raw: { seconds: s, pushed } });
  await stripe.close();
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  const started = performance.now();
  if (!fs.existsSync(".next/BUILD_ID") || process.env.BENCH_BUILD === "1") {
    process.stdout.write("building (next build)…\n");
    execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: ["ignore", "ignore", "inherit"] });
  }
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true, mode: 0o755 });
  const cluster = await startCluster({ dataDir: path.join(DIR, "pg"), port: PG_PORT, superuserPassword: "bench" });
  const appUrl = `postgres://retainer_app:bench-app@127.0.0.1:${PG_PORT}/postgres`;
  process.env.DATABASE_URL = appUrl; // for the lib code this process runs (fixture, closes)
  process.env.SESSION_SECRET = SECRET;
  const appEnv = { DATABASE_URL: appUrl, SESSION_SECRET: SECRET, APP_URL: BASE };
  const admin = postgres(cluster.adminUrl, { max: 2, onnotice: () => {} });
  let app: App | undefined;
  try {
    await applyBootstrap(cluster.adminUrl);
    await migrate(cluster.adminUrl);
    await admin.unsafe("alter role retainer_app password 'bench-app'");
    await seed(admin);

    process.stdout.write("small dataset\n");
    let t0 = performance.now();
    await seedScale(admin, 1, 2, 5000);
    record("seed the small dataset (2 clients × 5,000 entries, plus the demo)", `${seconds(t0)} s`);
    const owner = await ownerOf(admin, 1);
    const dashboard = `${BASE}/clients/${owner.clientId}`;
    app = await startApp(appEnv);
    await load(dashboard, owner.cookie, 3); // warm-up
    const small = await load(dashboard, owner.cookie);
    record("owner dashboard at 10k entries", show(small), { key: "dashboard_10k", raw: small });
    const smallCold = await coldDashboard(admin, dashboard, owner.cookie, owner.clientId);
    record("owner dashboard at 10k entries, cache missed (one at a time)", `p50 ${smallCold.p50.toFixed(1)} ms, p95 ${smallCold.p95.toFixed(1)} ms`, { key: "dashboard_10k_cold", raw: smallCold });
    await stopApp(app);

    process.stdout.write("scale dataset\n");
    t0 = performance.now();
    await seedScale(admin, 3, 200, 5000);
    const [{ n }] = await admin<{ n: number }[]>`select count(*)::int as n from public.time_entries`;
    const seeded = seconds(t0);
    t0 = performance.now();
    const closes = await closeHistory();
    await admin`analyze`;
    record("seed the scale dataset (200 clients, 3 years, roadmaps, weekly updates)", `${n.toLocaleString("en-US")} entries in ${seeded} s; ${closes.toLocaleString("en-US")} months closed with invoices in ${seconds(t0)} s`, { key: "entries", raw: n });

    const fixture = path.join(DIR, "fixture.bin");
    await saveFixture(fixture, owner.claims, owner.clientId);
    app = await startApp({ ...appEnv, RP_BENCH_FIXTURE: fixture });
    const twinBase = `${BASE}/bench/clients/${owner.clientId}`;
    const pages = { dashboard: [dashboard, twinBase], ledger: [`${dashboard}/hours`, `${twinBase}/hours`] } as const;
    for (const [real, twin] of Object.values(pages)) {
      await load(real, owner.cookie, 3);
      await load(twin, owner.cookie, 3);
    }
    const big: Record<string, Load> = {};
    for (const [name, [real, twin]] of Object.entries(pages)) {
      // Four short rounds, alternating, so drift on a shared machine falls on both sides alike.
      const runs: Load[][] = [[], []];
      for (let round = 0; round < ROUNDS; round++) {
        runs[0].push(await load(real, owner.cookie, SECONDS / 2));
        runs[1].push(await load(twin, owner.cookie, SECONDS / 2));
      }
      const [r, t] = runs.map(mean);
      big[name] = r;
      const ratio = r.rps / t.rps;
      record(`${name} at 1M entries (mean of ${ROUNDS} runs)`, show(r), { key: `${name}_1M`, raw: runs[0] });
      record(`${name} fixture twin, no database (mean of ${ROUNDS} runs)`, show(t), { key: `${name}_twin`, raw: runs[1] });
      record(`${name} throughput vs its twin`, `${(ratio * 100).toFixed(0)}%`, { target: "≥ 80%", met: ratio >= 0.8, key: `${name}_twin_ratio`, raw: ratio });
    }
    const ratio = big.dashboard.p50 / Math.max(1, small.p50);
    record("dashboard p50 latency under load, 1M / 10k entries", ratio.toFixed(2), { target: "≤ 1.3", met: ratio <= 1.3, key: "dashboard_latency_ratio", raw: ratio });
    const bigCold = await coldDashboard(admin, dashboard, owner.cookie, owner.clientId);
    record("owner dashboard at 1M entries, cache missed (one at a time)", `p50 ${bigCold.p50.toFixed(1)} ms, p95 ${bigCold.p95.toFixed(1)} ms`, { key: "dashboard_1M_cold", raw: bigCold });
    const coldRatio = bigCold.p50 / smallCold.p50;
    record("dashboard p50 latency with the cache missed, 1M / 10k entries", coldRatio.toFixed(2), { target: "≤ 1.3", met: coldRatio <= 1.3, key: "dashboard_cold_latency_ratio", raw: coldRatio });
    await measureLogEntry(app);
    await measureBundle(owner.cookie, owner.clientId);
    if (process.env.BENCH_LIGHTHOUSE !== "0") await measureLighthouse(owner.cookie, owner.clientId);
    await stopApp(app);
    app = undefined;
    await measureClose(cluster.adminUrl);
  } finally {
    if (app) await stopApp(app);
    await sql().end();
    await admin.end();
    await cluster.stop();
  }
  record("whole benchmark", `${seconds(started)} s`);
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync("bench/results/latest.json", JSON.stringify({ at: new Date().toISOString(), results, rows }, null, 2));
  const mark = (r: Row) => (r.met === undefined ? "" : r.met ? "✓" : "✗");
  const table = ["| measure | value | target | |", "| --- | --- | --- | --- |", ...rows.map((r) => `| ${r.measure} | ${r.value} | ${r.target} | ${mark(r)} |`)].join("\n");
  fs.writeFileSync("bench/results/latest.md", `${table}\n`);
  process.stdout.write(`\n${table}\n`);
  process.exit(0);
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
