// The owner dashboard and the ledger under load: at 10k entries, then at 1M against their fixture twins (the same
// pages rendered from memory at /bench/clients/<id>), warm and with the dashboard's data cache missed.
import postgres from "postgres";
import { load, mean, show, type Load } from "./http";
import { record } from "./report";
import type { Owner } from "./sessions";
import { BASE, SECONDS } from "./settings";
import { quantile } from "./stats";

const ROUNDS = 4;

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

export interface At10k { small: Load; smallCold: { p50: number; p95: number } }

/** The small dataset: the dashboard warm under load, then one request at a time with its cache missed. */
export async function measureAt10k(admin: postgres.Sql, owner: Owner): Promise<At10k> {
  const dashboard = `${BASE}/clients/${owner.clientId}`;
  await load(dashboard, owner.cookie, 3); // warm-up
  const small = await load(dashboard, owner.cookie);
  record("owner dashboard at 10k entries", show(small), { key: "dashboard_10k", raw: small });
  const smallCold = await coldDashboard(admin, dashboard, owner.cookie, owner.clientId);
  record("owner dashboard at 10k entries, cache missed (one at a time)", `p50 ${smallCold.p50.toFixed(1)} ms, p95 ${smallCold.p95.toFixed(1)} ms`, { key: "dashboard_10k_cold", raw: smallCold });
  return { small, smallCold };
}

/** The scale dataset, on an app started with the twins on: each page against its twin, then the ratios to 10k. */
export async function measureAt1M(admin: postgres.Sql, owner: Owner, { small, smallCold }: At10k) {
  const dashboard = `${BASE}/clients/${owner.clientId}`;
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
}
