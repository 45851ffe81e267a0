// The owner's pages under load (issue 24), every figure from rounds that alternate, so drift on a shared machine
// falls on every side alike:
//   - the dashboard on the small dataset (10k entries, its own cluster and app server) and on the scale dataset
//     (1M entries) — warm, so answered whole by the server's page cache (lib/platform/response-cache.mjs) — the
//     dashboard's and the ledger's fixture twins (the same pages rendered from memory on every request), and this
//     build's bare dynamic route and static file (app/bench/bare, public/bench/static.html), each round all of them;
//   - each page's throughput as a share of the bare dynamic route's in the same round, the 1M/10k latency ratio
//     and each page against its twin, as min–max over the rounds;
//   - the dashboard with its data cache missed (a write before each request moves the version), 10k and 1M
//     alternating request by request.
import postgres from "postgres";
import { load, show, type Load } from "./http";
import { record } from "./report";
import type { Owner } from "./sessions";
import { BASE, SECONDS, SMALL_BASE } from "./settings";
import { quantile } from "./stats";

const ROUNDS = 4;

const range = (xs: number[]) => ({ min: Math.min(...xs), max: Math.max(...xs), mean: xs.reduce((a, b) => a + b, 0) / xs.length });
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const spread = (xs: number[], f: (x: number) => string) => {
  const r = range(xs);
  return `${f(r.mean)} (rounds ${f(r.min)}–${f(r.max)})`;
};

/** One request with the dashboard's data cache missed: the client's version moves first. */
async function coldOnce(admin: postgres.Sql, url: string, cookie: string, clientId: string) {
  await admin`update public.clients set name = name where id = ${clientId}`;
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  await res.text();
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return performance.now() - t0;
}

export async function measurePages(small: { admin: postgres.Sql; owner: Owner }, big: { admin: postgres.Sql; owner: Owner }) {
  const dashboard = (base: string, o: Owner) => `${base}/clients/${o.clientId}`;
  const twin = `${BASE}/bench/clients/${big.owner.clientId}`;
  const targets: Record<string, [url: string, cookie: string]> = {
    "dashboard at 10k entries": [dashboard(SMALL_BASE, small.owner), small.owner.cookie],
    "dashboard at 1M entries": [dashboard(BASE, big.owner), big.owner.cookie],
    "dashboard fixture twin": [twin, big.owner.cookie],
    "ledger at 1M entries": [`${dashboard(BASE, big.owner)}/hours`, big.owner.cookie],
    "ledger fixture twin": [`${twin}/hours`, big.owner.cookie],
    "bare dynamic route": [`${BASE}/bench/bare`, big.owner.cookie],
    "static file": [`${BASE}/bench/static.html`, big.owner.cookie],
  };
  for (const [url, cookie] of Object.values(targets)) await load(url, cookie, 3); // warm-up, every cache filled
  const runs: Record<string, Load[]> = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, [url, cookie]] of Object.entries(targets)) runs[name].push(await load(url, cookie, SECONDS / 2));
  }
  const perRound = (f: (i: number) => number) => Array.from({ length: ROUNDS }, (_, i) => f(i));
  const rps = (name: string, i: number) => runs[name][i].rps;
  for (const [name, ls] of Object.entries(runs)) {
    const mean = { rps: range(ls.map((l) => l.rps)).mean, p50: range(ls.map((l) => l.p50)).mean, p99: range(ls.map((l) => l.p99)).mean };
    record(`${name} (mean of ${ROUNDS} alternating rounds)`, `${show(mean)}; rounds ${range(ls.map((l) => l.rps)).min.toFixed(0)}–${range(ls.map((l) => l.rps)).max.toFixed(0)} req/s`,
      { key: `load_${name.replace(/\W+/g, "_")}`, raw: ls });
  }
  const share = (name: string, target?: number) => {
    const xs = perRound((i) => rps(name, i) / rps("bare dynamic route", i));
    record(`${name}: throughput as a share of the bare dynamic route's`, spread(xs, pct),
      target === undefined ? { key: `share_${name.replace(/\W+/g, "_")}`, raw: xs } : { target: `≥ ${pct(target)}`, met: range(xs).mean >= target, key: `share_${name.replace(/\W+/g, "_")}`, raw: xs });
  };
  share("dashboard at 1M entries", 0.5);
  share("ledger at 1M entries", 0.4);
  share("dashboard fixture twin");
  share("static file");
  for (const page of ["dashboard", "ledger"]) {
    const xs = perRound((i) => rps(`${page} at 1M entries`, i) / rps(`${page} fixture twin`, i));
    record(`${page} throughput vs its fixture twin`, spread(xs, pct), { key: `${page}_twin_ratio`, raw: xs });
  }
  const latency = perRound((i) => runs["dashboard at 1M entries"][i].p50 / Math.max(1, runs["dashboard at 10k entries"][i].p50));
  record("dashboard p50 latency under load, 1M / 10k entries (alternated)", spread(latency, (x) => x.toFixed(2)),
    { target: "≤ 1.3", met: range(latency).mean <= 1.3, key: "dashboard_latency_ratio", raw: latency });

  // Cache missed, one request at a time, 10k and 1M in turn; the first ten of each warm up.
  const cold = { small: [] as number[], big: [] as number[] };
  for (let i = 0; i < 70; i++) {
    const s = await coldOnce(small.admin, dashboard(SMALL_BASE, small.owner), small.owner.cookie, small.owner.clientId);
    const b = await coldOnce(big.admin, dashboard(BASE, big.owner), big.owner.cookie, big.owner.clientId);
    if (i >= 10) {
      cold.small.push(s);
      cold.big.push(b);
    }
  }
  const p = (xs: number[], q: number) => quantile(xs, q);
  record("owner dashboard at 10k entries, cache missed (one at a time)", `p50 ${p(cold.small, 0.5).toFixed(1)} ms, p95 ${p(cold.small, 0.95).toFixed(1)} ms`,
    { key: "dashboard_10k_cold", raw: { p50: p(cold.small, 0.5), p95: p(cold.small, 0.95) } });
  record("owner dashboard at 1M entries, cache missed (one at a time)", `p50 ${p(cold.big, 0.5).toFixed(1)} ms, p95 ${p(cold.big, 0.95).toFixed(1)} ms`,
    { target: "p95 < 40 ms", met: p(cold.big, 0.95) < 40, key: "dashboard_1M_cold", raw: { p50: p(cold.big, 0.5), p95: p(cold.big, 0.95) } });
  const coldRatio = p(cold.big, 0.5) / p(cold.small, 0.5);
  record("dashboard p50 latency with the cache missed, 1M / 10k entries (alternated)", coldRatio.toFixed(2),
    { target: "≤ 1.3", met: coldRatio <= 1.3, key: "dashboard_cold_latency_ratio", raw: coldRatio });
}
