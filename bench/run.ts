// `npm run bench` (first steps of issue 8): measures the portal at realistic scale on the embedded stack.
//   1. a small dataset (~10k entries) and the scale dataset (~1,000,000 entries, 200 clients, 3 years,
//      closed months with invoices), both seeded through the real schema with set-based SQL;
//   2. `next start` against each, with autocannon on loopback: owner dashboard and ledger throughput and
//      latency, the 1M/10k latency ratio, logging an entry through the real server action;
//   3. closing 200 clients' months against the in-repo Stripe double;
//   4. the gzipped JavaScript the owner dashboard loads.
// Writes bench/results/latest.json and a Markdown table. Not yet: fixture twins, Lighthouse.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import autocannon from "autocannon";
import postgres from "postgres";
import { signSession } from "@/lib/auth/jwt";
import { applyBootstrap, migrate } from "@/lib/db/migrate";
import { addMonths, localDate, monthOf } from "@/lib/domain/dates";
import { startCluster } from "@/lib/dev/embedded-postgres";
import { demoId, seed } from "@/lib/dev/seed";
import { encodeReply } from "../tests/stress/harness";
import { startStripeDouble } from "../tests/doubles/stripe";

const PG_PORT = 54379;
const APP_PORT = 3400;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const rows: { measure: string; value: string; target: string }[] = [];
const results: Record<string, unknown> = {};
const record = (measure: string, value: string, target = "", key?: string, raw?: unknown) => {
  rows.push({ measure, value, target });
  if (key) results[key] = raw;
  process.stdout.write(`  ${measure}: ${value}${target ? ` (target ${target})` : ""}\n`);
};

/** ~entriesPerClient entries for each of `clients` bench clients over 36 months, plus terms and an owner each. */
async function seedScale(admin: postgres.Sql, first: number, last: number, entriesPerClient: number) {
  const engineer = demoId("sam@practice.test");
  await admin`insert into auth.users (id, email) select gen_random_uuid(), 'bench-owner-' || i || '@bench.test' from generate_series(${first}::int, ${last}::int) i`;
  await admin`
    insert into public.clients (name, slug, timezone, currency)
    select 'Bench client ' || i, 'bench-' || i,
           (array['America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'Pacific/Auckland'])[1 + i % 4],
           (array['USD', 'EUR', 'JPY', 'NZD'])[1 + i % 4]
    from generate_series(${first}::int, ${last}::int) i`;
  await admin`
    insert into public.client_members (client_id, user_id, role)
    select c.id, u.id, 'owner' from public.clients c join auth.users u on u.email = 'bench-owner-' || substr(c.slug, 7) || '@bench.test'
    where c.slug like 'bench-%' and not exists (select 1 from public.client_members m where m.client_id = c.id)`;
  await admin`
    insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour,
      overage_increment_minutes, rollover_cap_minutes, rollover_expiry_months, overage_preapproved_minutes)
    select id, date_trunc('month', now() - interval '36 months')::date, 1800, 500000, 20000, 15, 600, 2, 240
    from public.clients c where slug like 'bench-%' and not exists (select 1 from public.retainer_terms t where t.client_id = c.id)`;
  await admin`
    insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, billable)
    select c.id, ${engineer}, (now() - interval '36 months')::date + (random() * (current_date - (now() - interval '36 months')::date))::int,
           15 * (1 + (random() * 8)::int), 'Bench work ' || g, (array['build','maintenance','audit','meeting','training','support'])[1 + g % 6], g % 9 <> 0
    from public.clients c cross join generate_series(1, ${entriesPerClient}) g
    where c.slug like 'bench-%' and not exists (select 1 from public.time_entries e where e.client_id = c.id)`;
  await admin`analyze`;
}

async function startApp(appUrl: string, sessionSecret: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(APP_PORT)], {
    env: { ...process.env, DATABASE_URL: appUrl, SESSION_SECRET: sessionSecret, NODE_ENV: "production", LOG_LEVEL: "error", DATABASE_POOL_SIZE: "20" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://localhost:${APP_PORT}/login`)).ok) return child;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("next start did not come up");
}

async function measurePages(label: string, admin: postgres.Sql, secret: string) {
  const [owner] = await admin<{ id: string; email: string; clientId: string }[]>`
    select u.id, u.email, cm.client_id as "clientId" from auth.users u join public.client_members cm on cm.user_id = u.id
    where u.email = 'bench-owner-1@bench.test'`;
  const cookie = `rp_session=${await signSession({ sub: owner.id, email: owner.email, role: "authenticated" }, secret)}`;
  const out: Record<string, { rps: number; p50: number; p99: number }> = {};
  for (const [name, p] of [["dashboard", `/clients/${owner.clientId}`], ["ledger", `/clients/${owner.clientId}/hours`]] as const) {
    const r = await autocannon({ url: `http://localhost:${APP_PORT}${p}`, connections: 10, duration: SECONDS, headers: { cookie } });
    if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    out[name] = { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99 };
    record(`${name} at ${label}`, `${out[name].rps} req/s, p50 ${out[name].p50} ms, p99 ${out[name].p99} ms`, "", `${name}_${label}`, out[name]);
  }
  return { out, cookie, clientId: owner.clientId };
}

async function measureLogEntry(admin: postgres.Sql, secret: string) {
  const sam = demoId("sam@practice.test");
  const cookie = `rp_session=${await signSession({ sub: sam, email: "sam@practice.test", role: "authenticated" }, secret)}`;
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { exportedName: string }> };
  const actionId = Object.entries(manifest.node).find(([, e]) => e.exportedName === "logEntryAction")![0];
  const kiwi = demoId("client:kiwi");
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const form = new FormData();
    for (const [k, v] of Object.entries({ clientId: kiwi, workDate: localDate(new Date(), "Pacific/Auckland"), minutes: "15m", description: `Bench ${i}`, category: "support", billable: "on", confirmOverage: "1" })) form.append(k, v);
    const body = await encodeReply([null, form]);
    const t0 = performance.now();
    const res = await fetch(`http://localhost:${APP_PORT}/clients/${kiwi}/hours`, { method: "POST", body: body as FormData, headers: { "next-action": actionId, accept: "text/x-component", cookie, origin: `http://localhost:${APP_PORT}` } });
    await res.text();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.floor(q * (times.length - 1))].toFixed(1);
  record("log an entry through the server action (response time on loopback, incl. page refresh)", `p50 ${p(0.5)} ms, p95 ${p(0.95)} ms`, "p95 < 25 ms server time", "log_entry", { p50: Number(p(0.5)), p95: Number(p(0.95)) });
  void admin;
}

async function measureBundle(cookie: string, clientId: string) {
  const html = await (await fetch(`http://localhost:${APP_PORT}/clients/${clientId}`, { headers: { cookie } })).text();
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]).filter((s) => s.startsWith("/_next/static/"));
  let gz = 0;
  for (const s of new Set(scripts)) gz += zlib.gzipSync(fs.readFileSync(path.join(".next", s.replace("/_next/", "")))).length;
  record("owner dashboard first-load JS (gzipped)", `${(gz / 1024).toFixed(1)} kB in ${new Set(scripts).size} files`, "≤ 130 kB", "dashboard_js_gzip_bytes", gz);
}

async function measureClose(adminUrl: string, appUrl: string) {
  const stripe = await startStripeDouble();
  process.env.DATABASE_URL = appUrl;
  process.env.SESSION_SECRET ??= "bench-session-secret-0123456789abcdef";
  const { closeMonth } = await import("@/lib/billing/close");
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const clients = await admin<{ id: string; timezone: string }[]>`select id, timezone from public.clients where slug like 'bench-%' order by slug limit 200`;
  await admin.end();
  const cfg = { secretKey: "sk_test_bench", host: "127.0.0.1", port: stripe.port, protocol: "http" as const };
  const t0 = performance.now();
  let closed = 0;
  for (const c of clients) {
    const month = addMonths(monthOf(localDate(new Date(), c.timezone)), -1);
    const r = await closeMonth(c.id, month, { actorId: null, now: new Date(), stripe: cfg });
    if (r.outcome === "closed" && r.pushed) closed++;
  }
  const seconds = (performance.now() - t0) / 1000;
  record(`close ${clients.length} clients' months, pushed to the Stripe double`, `${seconds.toFixed(1)} s total, ${((seconds * 1000) / clients.length).toFixed(0)} ms per client, ${closed} pushed`, "< 10 s", "close_200", { seconds, closed });
  await stripe.close();
}

async function main() {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("build first: npm run build");
  const dir = "/tmp/retainer-portal-bench";
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  const cluster = await startCluster({ dataDir: path.join(dir, "pg"), port: PG_PORT, superuserPassword: "bench" });
  const secret = "bench-session-secret-0123456789abcdef";
  const appUrl = `postgres://retainer_app:bench-app@127.0.0.1:${PG_PORT}/postgres`;
  const admin = postgres(cluster.adminUrl, { max: 2, onnotice: () => {} });
  let app: ChildProcess | undefined;
  try {
    await applyBootstrap(cluster.adminUrl);
    await migrate(cluster.adminUrl);
    await admin.unsafe("alter role retainer_app password 'bench-app'");
    await seed(admin);

    let t0 = performance.now();
    await seedScale(admin, 1, 2, 5000);
    record("seed the small dataset (2 bench clients × 5,000 entries + demo)", `${((performance.now() - t0) / 1000).toFixed(1)} s`);
    app = await startApp(appUrl, secret);
    const small = await measurePages("10k", admin, secret);
    app.kill("SIGTERM");

    t0 = performance.now();
    await seedScale(admin, 3, 200, 5000);
    const [{ n }] = await admin<{ n: number }[]>`select count(*)::int as n from public.time_entries`;
    record("seed the scale dataset (200 clients)", `${n.toLocaleString("en-US")} entries in ${((performance.now() - t0) / 1000).toFixed(1)} s`, "", "entries", n);
    app = await startApp(appUrl, secret);
    const big = await measurePages("1M", admin, secret);
    record("dashboard latency 1M / 10k (p50)", (big.out.dashboard.p50 / Math.max(1, small.out.dashboard.p50)).toFixed(2), "≤ 1.3", "dashboard_latency_ratio", big.out.dashboard.p50 / Math.max(1, small.out.dashboard.p50));
    await measureLogEntry(admin, secret);
    await measureBundle(big.cookie, big.clientId);
    app.kill("SIGTERM");
    app = undefined;
    await measureClose(cluster.adminUrl, appUrl);
  } finally {
    app?.kill("SIGTERM");
    await admin.end();
    await cluster.stop();
  }
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync("bench/results/latest.json", JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
  const table = ["| measure | value | target |", "| --- | --- | --- |", ...rows.map((r) => `| ${r.measure} | ${r.value} | ${r.target} |`)].join("\n");
  fs.writeFileSync("bench/results/latest.md", `${table}\n`);
  process.stdout.write(`\n${table}\n`);
  process.exit(0);
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
