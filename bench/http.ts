// Load on loopback with autocannon: requests per second and latency of one URL at a fixed concurrency.
import autocannon from "autocannon";
import { SECONDS } from "./settings";

const CONNECTIONS = 10;

export interface Load { rps: number; p50: number; p99: number }

export async function load(url: string, cookie: string, duration = SECONDS): Promise<Load> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration, headers: { cookie } });
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

export const show = (l: Load) => `${l.rps.toFixed(1)} req/s, p50 ${l.p50.toFixed(0)} ms, p99 ${l.p99.toFixed(0)} ms`;
