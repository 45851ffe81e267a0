// Logging an entry through the real server action, posted as the browser posts it, 220 times (the first 20
// warm up): the server's own time from the action's log line, and the whole response on loopback.
import fs from "node:fs";
import type postgres from "postgres";
import { localDate } from "@/lib/domain/dates";
import { demoId } from "@/lib/dev/seed";
import { encodeReply } from "../tests/support/server-action";
import { record } from "./report";
import { sessionCookie } from "./sessions";
import { BASE } from "./settings";
import type { App } from "./stack";
import { quantile } from "./stats";

export async function measureLogEntry(app: App, admin: postgres.Sql) {
  const sam = demoId("sam@practice.test");
  const cookie = await sessionCookie(admin, { sub: sam, email: "sam@practice.test", role: "authenticated" });
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
