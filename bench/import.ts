// Importing 50,000 rows of a Harvest export (issue 22) through the running app, as the demo admin's browser
// does it: the upload action posted to /import (header read, file kept), the preview page (the plan over every
// row, and which were imported before), the import action (every row planned, then written in batches in one
// transaction) and the same import again (adds nothing). Server times from the actions' own log lines. Rows
// are spread over 50 of the bench's clients, in the current month (open everywhere).
import fs from "node:fs";
import type postgres from "postgres";
import { demoId } from "@/lib/dev/seed";
import { encodeReply } from "../tests/support/server-action";
import { record } from "./report";
import { sessionCookie } from "./sessions";
import { BASE } from "./settings";
import type { App } from "./stack";

const ROWS = 50_000;
const HEADER = "Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Invoiced?,Approved?,First Name,Last Name,Roles,Employee?,Billable Rate,Billable Amount,Cost Rate,Cost Amount,Currency,External Reference URL";

function actionId(name: string): string {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { exportedName: string }> };
  return Object.entries(manifest.node).find(([, e]) => e.exportedName === name)![0];
}

export async function measureImport(app: App, admin: postgres.Sql) {
  const clients = await admin<{ name: string }[]>`select name from public.clients where slug like 'bench-%' order by slug limit 50`;
  const now = new Date();
  const month = now.toISOString().slice(0, 7);
  const days = Math.max(1, now.getUTCDate() - 1);
  const tasks = ["Automation build", "Meetings", "Maintenance", "Support", "Audit"];
  const lines = [HEADER];
  for (let i = 0; i < ROWS; i++) {
    const day = String(1 + (i % days)).padStart(2, "0");
    const client = clients[i % clients.length].name.replaceAll('"', '""');
    lines.push(`${month}-${day},"${client}",Retainer,,${tasks[i % tasks.length]},"Imported row ${i}, with a comma",${(1 + (i % 8)) * 0.25},${i % 7 ? "Yes" : "No"},No,Yes,Sam,Rivera,Engineer,Yes,150.0,0,0,0,US Dollar - USD,`);
  }
  const text = `${lines.join("\r\n")}\r\n`;
  const mb = Buffer.byteLength(text) / 1024 / 1024;
  const cookie = await sessionCookie(admin, { sub: demoId("sam@practice.test"), email: "sam@practice.test", role: "authenticated" });
  const post = async (path: string, action: string, fields: Record<string, string | File>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const res = await fetch(`${BASE}${path}`, {
      method: "POST", body: (await encodeReply([null, form])) as FormData, redirect: "manual",
      headers: { "next-action": actionId(action), accept: "text/x-component", cookie, origin: BASE },
    });
    return { res, body: await res.text() };
  };
  const serverMs = (action: string, from: number) => {
    const line = app.actionLog.slice(from).find((e) => e.action === action);
    if (!line?.ok) throw new Error(`no successful ${action} in the app's log`);
    return line.ms / 1000;
  };

  let from = app.actionLog.length;
  let t0 = performance.now();
  const uploaded = await post("/import", "uploadImportAction", { file: new File([text], "bench-harvest.csv", { type: "text/csv" }) });
  const upload = (performance.now() - t0) / 1000;
  const fileId = /\/import\/([0-9a-f-]{36})/.exec(uploaded.res.headers.get("x-action-redirect") ?? "")?.[1];
  if (!fileId) throw new Error(`the upload did not go to its preview: ${uploaded.res.status} ${uploaded.body.slice(0, 300)}`);
  await new Promise((r) => setTimeout(r, 200));
  const uploadServer = serverMs("import.upload", from);

  t0 = performance.now();
  const page = await fetch(`${BASE}/import/${fileId}`, { headers: { cookie } });
  const html = await page.text();
  const preview = (performance.now() - t0) / 1000;
  if (page.status !== 200 || !html.includes(`Import ${ROWS.toLocaleString("en-US")} entries`)) throw new Error(`the preview does not plan ${ROWS} entries (${page.status})`);

  from = app.actionLog.length;
  t0 = performance.now();
  const imported = await post(`/import/${fileId}`, "runImportAction", { fileId, intent: "import" });
  const importS = (performance.now() - t0) / 1000;
  if (!imported.body.includes(`Imported ${ROWS.toLocaleString("en-US")} entries.`)) throw new Error(`the import did not add ${ROWS} entries: ${imported.body.slice(0, 300)}`);
  await new Promise((r) => setTimeout(r, 200));
  const importServer = serverMs("import.run", from);

  from = app.actionLog.length;
  t0 = performance.now();
  const again = await post(`/import/${fileId}`, "runImportAction", { fileId, intent: "import" });
  const againS = (performance.now() - t0) / 1000;
  if (!again.body.includes("Imported 0 entries.")) throw new Error(`the second import added rows: ${again.body.slice(0, 300)}`);

  record(`import ${ROWS.toLocaleString("en-US")} Harvest rows (${mb.toFixed(1)} MB, 50 clients) through the app: upload, preview page, import, again`,
    `upload ${upload.toFixed(1)} s (server ${uploadServer.toFixed(1)} s), preview ${preview.toFixed(1)} s, import ${importS.toFixed(1)} s (server ${importServer.toFixed(1)} s); again ${againS.toFixed(1)} s, 0 added`,
    { target: "import < 30 s", met: importS < 30, key: "import_50k", raw: { rows: ROWS, mb, upload, uploadServer, preview, import: importS, importServer, again: againS } });
}
