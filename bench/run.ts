// `npm run bench` (issue 8): the performance budgets of DESIGN.md §9, measured at realistic scale on the
// embedded stack, side by side in one run.
//   1. Seeds, through the real schema with set-based SQL, a small dataset (2 clients × 5,000 entries) and then
//      the scale dataset (200 clients, ~1,000,000 entries over 3 years, roadmap items, weekly updates, closed
//      months with invoices — closed by the real close code).
//   2. Builds the app if needed and runs it with `npm run serve`; autocannon on loopback measures the owner dashboard and
//      the ledger against their fixture twins (the same route tree and components rendered from a saved copy
//      of the same data at /bench/clients/<id>, enabled only by RP_BENCH_FIXTURE), the dashboard at 1M vs 10k
//      entries (warm and with its cache missed), and logging an entry through the real server action (server
//      time from the action's own log line).
//   3. Imports 50,000 Harvest rows through the app (import.ts), exports the whole practice as a ZIP from a server
//      whose heap is capped at 128 MB, its memory sampled (export.ts), then closes 200 clients' months against
//      the in-repo Stripe double.
//   4. Sums the gzipped JavaScript the owner dashboard loads, and runs Lighthouse (Debian's Chromium,
//      headless) on the dashboard, ledger, roadmap and updates pages.
// Writes bench/results/latest.json and latest.md, and prints the table.
//   5. A ledger month of 200,000 entries (ledger-month.ts): p95 of its pages with the cache missed, and their size.
// Knobs: BENCH_ONLY=busy-month (only step 5, on the demo data), BENCH_SECONDS (length of one load run, default 10), BENCH_BUILD=1 (rebuild even if .next exists),
// BENCH_LIGHTHOUSE=0 (skip Lighthouse), CHROMIUM_PATH (default /usr/bin/chromium).
// Each step lives in its own file: stack.ts (build, cluster, app server), seed-scale.ts, dashboard.ts (autocannon
// through http.ts), save-fixture.ts, log-entry.ts, bundle.ts, lighthouse.ts, close.ts, report.ts (rows, latest.*).
import path from "node:path";
import { measureBundle } from "./bundle";
import { measureClose } from "./close";
import { EXPORT_HEAP_MB, measureExport } from "./export";
import { measureImport } from "./import";
import { measureAt10k, measureAt1M } from "./dashboard";
import { measureBusyMonth } from "./ledger-month";
import { measureLighthouse } from "./lighthouse";
import { measureLogEntry } from "./log-entry";
import { record, writeReport } from "./report";
import { saveFixture } from "./save-fixture";
import { closeHistory, seedScale } from "./seed-scale";
import { ownerOf } from "./sessions";
import { DIR } from "./settings";
import { buildIfNeeded, prepareDatabase, startApp, startDatabase, stopApp, stopDatabase, type App } from "./stack";
import { secondsSince } from "./stats";

async function main() {
  const started = performance.now();
  buildIfNeeded();
  const db = await startDatabase();
  const { admin } = db;
  let app: App | undefined;
  try {
    await prepareDatabase(db);
    if (process.env.BENCH_ONLY === "busy-month") {
      app = await startApp(db.appEnv);
      await measureBusyMonth(admin);
      return;
    }

    process.stdout.write("small dataset\n");
    let t0 = performance.now();
    await seedScale(admin, 1, 2, 5000);
    record("seed the small dataset (2 clients × 5,000 entries, plus the demo)", `${secondsSince(t0)} s`);
    const owner = await ownerOf(admin, 1);
    app = await startApp(db.appEnv);
    const at10k = await measureAt10k(admin, owner);
    await stopApp(app);

    process.stdout.write("scale dataset\n");
    t0 = performance.now();
    await seedScale(admin, 3, 200, 5000);
    const [{ n }] = await admin<{ n: number }[]>`select count(*)::int as n from public.time_entries`;
    const seeded = secondsSince(t0);
    t0 = performance.now();
    const closes = await closeHistory();
    await admin`analyze`;
    record("seed the scale dataset (200 clients, 3 years, roadmaps, weekly updates)", `${n.toLocaleString("en-US")} entries in ${seeded} s; ${closes.toLocaleString("en-US")} months closed with invoices in ${secondsSince(t0)} s`, { key: "entries", raw: n });

    const fixture = path.join(DIR, "fixture.bin");
    await saveFixture(fixture, owner.claims, owner.clientId);
    app = await startApp({ ...db.appEnv, RP_BENCH_FIXTURE: fixture });
    await measureAt1M(admin, owner, at10k);
    await measureLogEntry(app, admin);
    await measureBusyMonth(admin);
    await measureBundle(owner.cookie, owner.clientId);
    if (process.env.BENCH_LIGHTHOUSE !== "0") await measureLighthouse(owner.cookie, owner.clientId);
    await measureImport(app, admin);
    await stopApp(app);
    // The export in a server whose heap is capped: a practice of 1M entries must stream through it.
    app = await startApp({ ...db.appEnv, NODE_OPTIONS: `--max-old-space-size=${EXPORT_HEAP_MB}` });
    await measureExport(app, admin);
    await stopApp(app);
    app = undefined;
    await measureClose(db.cluster.adminUrl);
  } finally {
    if (app) await stopApp(app);
    await stopDatabase(db);
  }
  record("whole benchmark", `${secondsSince(started)} s`);
  writeReport();
  process.exit(0);
}

main().then(() => process.exit(0), (e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
