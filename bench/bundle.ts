// The gzipped JavaScript a modern browser loads for the owner dashboard, split into Next's runtime and route chunks.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { record } from "./report";
import { BASE } from "./settings";

export async function measureBundle(cookie: string, clientId: string) {
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
