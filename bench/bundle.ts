// The gzipped JavaScript a modern browser loads for the owner dashboard, against what this build's bare page loads.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { record } from "./report";
import { BASE } from "./settings";

/** The gzipped bytes of each script a modern browser fetches for the page at `url`. */
async function scriptsOf(url: string, cookie: string): Promise<Map<string, number>> {
  const html = await (await fetch(url, { headers: { cookie } })).text();
  // Scripts a modern browser fetches: `noModule` polyfills are skipped by every browser that runs modules.
  const files = new Set([...html.matchAll(/<script([^>]*)src="([^"]+)"([^>]*)>/g)]
    .filter((m) => !/nomodule/i.test(m[1] + m[3])).map((m) => m[2]).filter((s) => s.startsWith("/_next/static/"))
    .map((s) => s.replace("/_next/", "").replace(/\?.*$/, "")));
  return new Map([...files].map((f) => [f, zlib.gzipSync(fs.readFileSync(path.join(".next", f)), { level: 9 }).length]));
}

/**
 * The owner dashboard's JavaScript against this build's bare dynamic route's (app/bench/bare: the runtime every
 * page loads and nothing else), whose total is the budget's base: the dashboard may add 10 kB to it.
 */
export async function measureBundle(cookie: string, clientId: string) {
  const [dashboard, bare] = await Promise.all([scriptsOf(`${BASE}/clients/${clientId}`, cookie), scriptsOf(`${BASE}/bench/bare`, cookie)]);
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const total = sum(dashboard);
  const runtime = sum(bare);
  const added = [...dashboard].filter(([f]) => !bare.has(f)).reduce((a, [, n]) => a + n, 0);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  record("owner dashboard first-load JS (gzipped)", `${kb(total)} in ${dashboard.size} files: the runtime a bare page of this build loads is ${kb(runtime)}, the dashboard adds ${kb(added)}`,
    { target: "≤ runtime + 10 kB", met: total <= runtime + 10 * 1024, key: "dashboard_js_gzip", raw: { total, runtime, added } });
}
