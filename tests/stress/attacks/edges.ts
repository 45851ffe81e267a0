// Issue 14, item 7 (the app's half; malformed webhooks are in webhook-order): oversized bodies, NUL and
// control characters, bidi overrides, and RSC requests for another tenant's page.
import assert from "node:assert/strict";
import { demoId } from "@/lib/dev/seed";
import { actionIds, callAction, cookieFor, type Stack } from "../harness";

export async function edges(stack: Stack, report: (line: string) => void, ctx: { checksums: () => Promise<Record<string, string>> }) {
  const actions = actionIds();
  const sam = await cookieFor(stack, "sam");
  const harbor = demoId("client:harbor");
  const before = await ctx.checksums();
  const lines: string[] = [];
  let attempts = 0;
  let succeeded = 0;

  // A 5 MB action body: 413 with a sentence, before the action runs.
  const big = await fetch(`${stack.base}/clients/${harbor}/hours`, {
    method: "POST", body: "x".repeat(5 * 1024 * 1024),
    headers: { "next-action": actions.get("logEntryAction")!.id, cookie: sam, origin: stack.base, "content-type": "text/plain;charset=UTF-8" },
  });
  const bigText = await big.text();
  attempts++;
  if (big.status !== 413 || !/too large/.test(bigText)) succeeded++;
  lines.push(`5 MB body → ${big.status}`);

  // Control characters and bidi overrides in text fields: a field error each, never a server error.
  const entry = { clientId: harbor, workDate: new Date().toISOString().slice(0, 10), minutes: "15m", category: "build", billable: "on", roadmapItemId: "", confirmOverage: "1" };
  const cases: [string, Record<string, string>, string][] = [
    ["logEntryAction", { ...entry, description: "Fixed the import\u0000" }, "description"],
    ["logEntryAction", { ...entry, description: "Fixed \u202Etropmi eht" }, "description"],
    ["updateClientAction", { clientId: harbor, name: "Harbor\r\nBcc: everyone@example.test", timezone: "America/Los_Angeles", currency: "USD", billingEmail: "" }, "name"],
    ["updateClientAction", { clientId: harbor, name: "Harbor \u2066& Pine\u2069", timezone: "America/Los_Angeles", currency: "USD", billingEmail: "" }, "name"],
    ["createItemAction", { clientId: harbor, title: "Title\ttab", description: "", targetMonth: "", estimateMinutes: "", status: "planned" }, "title"],
    ["updatePracticeAction", { name: "Rivera\u0000", address: "", invoiceEmail: "", daysUntilDue: "14", invoiceFooter: "" }, "name"],
  ];
  for (const [name, fields, field] of cases) {
    const r = await callAction(stack, sam, actions.get(name)!, fields);
    attempts++;
    if (r.status >= 500 || r.result?.ok !== false || !r.result.fieldErrors?.[field]?.length) {
      succeeded++;
      lines.push(`${name}.${field}: ${r.status} ${JSON.stringify(r.result)?.slice(0, 120)}`);
    }
  }

  // RSC requests for another tenant's pages: no byte of that tenant's data. (Next 16 answers RSC requests
  // 200 with the not-found inside the stream; document requests answer 404.)
  const olivia = await cookieFor(stack, "olivia");
  const kiwi = demoId("client:kiwi");
  const [{ name: kiwiName }] = await stack.admin<{ name: string }[]>`select name from public.clients where id = ${kiwi}`;
  const rscStatuses = new Map<number, number>();
  for (const path of [`/clients/${kiwi}`, `/clients/${kiwi}/hours`, `/clients/${kiwi}/roadmap`, `/clients/${kiwi}/updates`, `/clients/${kiwi}/invoices`]) {
    const res = await fetch(`${stack.base}${path}`, { headers: { cookie: olivia, rsc: "1", "next-router-state-tree": encodeURIComponent(JSON.stringify(["", {}])) } });
    const body = await res.text();
    attempts++;
    rscStatuses.set(res.status, (rscStatuses.get(res.status) ?? 0) + 1);
    if (body.includes(kiwiName) || !/NEXT_HTTP_ERROR_FALLBACK;404|could not be found/.test(body)) {
      succeeded++;
      lines.push(`RSC ${path}: ${res.status}, ${body.includes(kiwiName) ? "carries the client's name" : "no not-found in the stream"}`);
    }
  }

  const after = await ctx.checksums();
  const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
  report(`edges: ${attempts} attempts (5 MB body → ${big.status}; NUL, CR/LF, tab and bidi in text fields → field errors; RSC for another tenant → ${[...rscStatuses].map(([s, n]) => `${n}× ${s}`).join(", ")}, no data), succeeded: ${succeeded}, rows changed: ${changed.length}`);
  assert.equal(succeeded, 0, lines.join("\n"));
  assert.deepEqual(changed, []);
}
