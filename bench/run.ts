// `npm run bench` (issues 8 and 24): the performance budgets of DESIGN.md §9, measured at realistic scale on the
// embedded stack, side by side in one run.
//   1. Seeds, through the real schema with set-based SQL, a small dataset (2 clients × 5,000 entries) into two
//      clusters, and the scale dataset (200 clients, ~1,000,000 entries over 3 years, roadmap items, weekly
//      updates) into one of them; every ended month but the last is closed by the real close code (local invoices).
//   2. Builds the app if needed and runs it with `npm run serve` on each cluster; autocannon on loopback measures,
//      in alternating rounds (dashboard.ts), the owner dashboard at 10k and at 1M entries, the dashboard and the
//      ledger against their fixture twins (the same components rendered from a saved copy of the same data at
//      /bench/clients/<id>), and this build's bare dynamic route and static file, each page also as a share of
//      the bare route's throughput; then the dashboard with its cache missed, 10k and 1M in turn; then logging an
//      entry through the real server action (server time from the action's own log line). The /bench routes exist
//      only when RP_BENCH_FIXTURE is set.
//   3. A ledger month of 200,000 entries (ledger-month.ts): p95 of its pages with the cache missed, and their size.
//   4. Sums the gzipped JavaScript the owner dashboard loads against the bare route's, and runs Lighthouse
//      (Debian's Chromium, headless) on the dashboard, ledger, roadmap and updates pages.
//   5. Imports 50,000 Harvest rows through the app (import.ts), exports the whole practice as a ZIP from a server
//      whose heap is capped at 128 MB, its memory sampled (export.ts), then closes 200 clients' months against
//      the in-repo Stripe double.
// Writes bench/results/latest.json and latest.md, and prints the table.
// Knobs: BENCH_ONLY=busy-month (only step 3, on the demo data), BENCH_SECONDS (length of one load run, default 10;
// a round runs each page for half of it), BENCH_BUILD=1 (rebuild even if .next exists), BENCH_LIGHTHOUSE=0 (skip
// Lighthouse), CHROMIUM_PATH (default /usr/bin/chromium), BENCH_DUMP=<file> (the largest ledger page, written there).
// Each step lives in its own file: stack.ts (build, clusters, app servers), seed-scale.ts, dashboard.ts (autocannon
// through http.ts), save-fixture.ts, log-entry.ts, ledger-month.ts, bundle.ts, lighthouse.ts, import.ts, export.ts,
// close.ts, report.ts (rows, latest.*).
import path from "node:path";
import { measureBundle } from "./bundle";
import { measureClose } from "./close";
import { EXPORT_HEAP_MB, measureExport } from "./export";
import { measureImport } from "./import";
import { measurePages } from "./dashboard";
import { measureBusyMonth } from "./ledger-month";
import { measureLighthouse } from "./lighthouse";
import { measureLogEntry } from "./log-entry";
import { measureWeekAndSearch } from "./week";
import { record, writeReport } from "./report";
import { saveFixture } from "./save-fixture";
import { closeHistory, seedScale } from "./seed-scale";
import { ownerOf } from "./sessions";
import { DIR, PG_PORT, SMALL_APP_PORT, SMALL_PG_PORT } from "./settings";
import { buildIfNeeded, prepareDatabase, startApp, startDatabase, stopApp, stopDatabase, type App } from "./stack";
import { secondsSince } from "./stats";

async function main() {
  const started = performance.now();
  buildIfNeeded();
  const big = await startDatabase("big", PG_PORT);
  const small = await startDatabase("small", SMALL_PG_PORT);
  const apps: App[] = [];
  try {
    await prepareDatabase(big);
    await prepareDatabase(small);
    if (process.env.BENCH_ONLY === "week") {
      // The week and search alone, on the scale dataset's million entries (its months left open: no closes).
      await seedScale(big.admin, 1, 200, 5000);
      apps.push(await startApp(big.appEnv));
      await measureWeekAndSearch(big.admin, await ownerOf(big.admin, 1));
      return;
    }
    if (process.env.BENCH_ONLY === "busy-month") {
      apps.push(await startApp(big.appEnv));
      await measureBusyMonth(big.admin);
      return;
    }

    // The small dataset in both clusters; its months closed in both, as the scale dataset's are.
    process.stdout.write("small dataset\n");
    let t0 = performance.now();
    for (const db of [small, big]) await seedScale(db.admin, 1, 2, 5000);
    await closeHistory(small.appUrl);
    record("seed the small dataset (2 clients × 5,000 entries, plus the demo)", `${secondsSince(t0)} s`);

    process.stdout.write("scale dataset\n");
    t0 = performance.now();
    await seedScale(big.admin, 3, 200, 5000);
    const [{ n }] = await big.admin<{ n: number }[]>`select count(*)::int as n from public.time_entries`;
    const seeded = secondsSince(t0);
    t0 = performance.now();
    const closes = await closeHistory(big.appUrl);
    // The seed's million rows vacuumed, analyzed and flushed now, as a database in service has them, so neither
    // autovacuum nor a checkpoint works through them during the measurements that follow.
    for (const db of [small, big]) {
      await db.admin`vacuum analyze`;
      await db.admin`checkpoint`;
    }
    record("seed the scale dataset (200 clients, 3 years, roadmaps, weekly updates)", `${n.toLocaleString("en-US")} entries in ${seeded} s; ${closes.toLocaleString("en-US")} months closed with invoices in ${secondsSince(t0)} s`, { key: "entries", raw: n });

    const owners = { small: await ownerOf(small.admin, 1), big: await ownerOf(big.admin, 1) };
    const fixture = path.join(DIR, "fixture.bin");
    await saveFixture(fixture, owners.big.claims, owners.big.clientId);
    const app = await startApp({ ...big.appEnv, RP_BENCH_FIXTURE: fixture });
    apps.push(app);
    const smallApp = await startApp(small.appEnv, SMALL_APP_PORT);
    await measurePages({ admin: small.admin, owner: owners.small }, { admin: big.admin, owner: owners.big });
    await stopApp(smallApp);
    await measureLogEntry(app, big.admin);
    await measureWeekAndSearch(big.admin, owners.big);
    await measureBusyMonth(big.admin);
    await measureBundle(owners.big.cookie, owners.big.clientId);
    if (process.env.BENCH_LIGHTHOUSE !== "0") await measureLighthouse(owners.big.cookie, owners.big.clientId);
    await measureImport(app, big.admin);
    await stopApp(apps.pop()!);
    // The export in a server whose heap is capped: a practice of 1M entries must stream through it.
    apps.push(await startApp({ ...big.appEnv, NODE_OPTIONS: `--max-old-space-size=${EXPORT_HEAP_MB}` }));
    await measureExport(apps[0], big.admin);
    await stopApp(apps.pop()!);
    await measureClose(big.cluster.adminUrl);
  } finally {
    for (const app of apps) await stopApp(app);
    await stopDatabase(small);
    await stopDatabase(big, { lib: true });
  }
  record("whole benchmark", `${secondsSince(started)} s`);
  writeReport();
}

main().then(() => process.exit(0), (e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
