// Issue 22, importing time: the doors it adds, each attacked on the production stack.
//   - the upload and import actions as everyone but an admin (with a real upload's id), and the preview page
//     signed out, as them, and for an id that is no upload;
//   - hostile files uploaded by the admin: garbage bytes, Latin-1, broken quoting, a header only, 5,000
//     columns, a field of 2 MB, formula injections, SQL in every cell, a file over the size limit; each is
//     refused with a field error or read, and none makes the preview or the import fail with a server error;
//   - importing them: accounts no client is named after wait for a mapping, so nothing is written;
//   - the control: a 12 MB export (75,000 rows) goes through the proxy and the action whole.
// Figure: attempts, succeeded 0, server errors 0, rows changed 0 (time entries and every tenant table).
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { actionIds, callAction, cookieFor, type Stack } from "../harness";

type Report = (line: string) => void;
const NOT_ADMINS = ["priya", "olivia", "marco", "aroha", "yuki"] as const;
const HARVEST = "Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Invoiced?,Approved?,First Name,Last Name,Roles,Employee?,Billable Rate,Billable Amount,Cost Rate,Cost Amount,Currency,External Reference URL";
const row = (cells: Partial<Record<"date" | "client" | "notes" | "hours" | "first", string>>) =>
  `${cells.date ?? "2026-10-05"},${cells.client ?? `Nobody ${randomUUID().slice(0, 6)}`},P,,Build,${cells.notes ?? "Work"},${cells.hours ?? "1"},Yes,No,Yes,${cells.first ?? "Eve"},Attacker,,Yes,0,0,0,0,Euro - EUR,`;

/** Hostile files: each must be refused with a reason or read without a server error. */
function hostileFiles(): { name: string; bytes: Buffer }[] {
  const text = (s: string) => Buffer.from(s, "utf8");
  return [
    { name: "garbage.bin", bytes: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)) },
    { name: "latin1.csv", bytes: Buffer.concat([text(`${HARVEST}\n`), Buffer.from([0x32, 0x30, 0xe9, 0x0a])]) },
    { name: "broken-quotes.csv", bytes: text(`${HARVEST}\n2026-10-05,"Acme,P,,Build,"unterminated,1\n`) },
    { name: "header-only.csv", bytes: text(`${HARVEST}\r\n`) },
    { name: "bom-only.csv", bytes: text("\uFEFF") },
    { name: "empty-lines.csv", bytes: text("\n\n\n") },
    { name: "wide.csv", bytes: text(`${HARVEST},${Array.from({ length: 5000 }, (_, i) => `c${i}`).join(",")}\n${row({})}\n`) },
    { name: "huge-field.csv", bytes: text(`${HARVEST}\n${row({ notes: `"${"x".repeat(2 * 1024 * 1024)}"` })}\n`) },
    { name: "formulas.csv", bytes: text(`${HARVEST}\n${row({ notes: "=HYPERLINK(\"http://evil.test\",\"x\")" })}\n${row({ client: "@SUM(A1)", notes: "+cmd|' /C calc'!A0" })}\n`) },
    { name: "sql.csv", bytes: text(`${HARVEST}\n${row({ client: "'; drop table public.time_entries; --", notes: "1 or 1=1", first: "' union select * from auth.users --" })}\n`) },
    { name: "html.csv", bytes: text(`${HARVEST}\n${row({ client: "<script>alert(1)</script>", notes: "<img src=x onerror=alert(1)>" })}\n`) },
    { name: "numbers.csv", bytes: text(`${HARVEST}\n${["1e309", "-1", "NaN", "24,0001", "0", "99999999999"].map((hours) => row({ hours })).join("\n")}\n`) },
    { name: "dates.csv", bytes: text(`${HARVEST}\n${["0000-00-00", "2026-02-30", "9999-12-31", "02/29/2027", "1969-12-31"].map((date) => row({ date })).join("\n")}\n`) },
    { name: "nul.csv", bytes: text(`${HARVEST}\n${row({ notes: "a\u0000b" })}\n`) },
    { name: "semicolons.csv", bytes: text(`${HARVEST.replaceAll(",", ";")}\n${row({}).replaceAll(",", ";")}\n`) },
    { name: "too-big.csv", bytes: Buffer.alloc(20 * 1024 * 1024 + 10, 0x41) },
  ];
}

export async function imports(stack: Stack, report: Report, ctx: { checksums: () => Promise<Record<string, string>> }) {
  const actions = actionIds();
  // Posted where the browser posts it: the upload form is on /import (the only path with the upload body limit).
  const upload = { ...actions.get("uploadImportAction")!, path: "/import" };
  const runAction = actions.get("runImportAction")!;
  const sam = await cookieFor(stack, "sam");
  const entries = async () => (await stack.admin<{ n: number }[]>`select count(*)::int as n from public.time_entries`)[0].n;
  const uploads = async () => (await stack.admin<{ n: number }[]>`select count(*)::int as n from public.import_files`)[0].n;
  const before = await ctx.checksums();
  let attempts = 0;
  let succeeded = 0;
  let serverErrors = 0;
  const problems: string[] = [];
  const file = (name: string, bytes: Buffer | string) => new File([typeof bytes === "string" ? bytes : new Uint8Array(bytes)], name, { type: "text/csv" });

  // A real upload of the admin's, for the others to aim at.
  const control = await callAction(stack, sam, upload, { file: file("control.csv", `${HARVEST}\n${row({})}\n`) });
  const fileId = /\/import\/([0-9a-f-]{36})/.exec(control.redirect ?? "")?.[1];
  assert.ok(fileId, `the admin's own upload goes to its preview: ${JSON.stringify(control)}`);
  // And a large one (12 MB, 75,000 rows): the body limits of the proxy and of server actions let it through whole.
  const large = `${HARVEST}\n${Array.from({ length: 75_000 }, (_, i) => row({ client: "Nobody large", notes: `Row ${i} ${"n".repeat(60)}` })).join("\n")}\n`;
  const big = await callAction(stack, sam, upload, { file: file("large.csv", large) });
  const bigId = /\/import\/([0-9a-f-]{36})/.exec(big.redirect ?? "")?.[1];
  assert.ok(bigId, `a 12 MB export is uploaded whole: ${big.status} ${JSON.stringify(big.result)?.slice(0, 200)}`);
  const [{ bytes }] = await stack.admin<{ bytes: number }[]>`select octet_length(bytes) as bytes from public.import_files where id = ${bigId}`;
  assert.equal(bytes, Buffer.byteLength(large));
  const uploadsBefore = await uploads();

  for (const who of NOT_ADMINS) {
    const cookie = await cookieFor(stack, who);
    for (const [action, fields] of [
      [upload, { file: file("mine.csv", `${HARVEST}\n${row({})}\n`) }],
      [runAction, { fileId, intent: "import", skipRefused: "on" }],
      [runAction, { fileId, intent: "preview", "account.0": "x", "accountTo.0": "skip" }],
    ] as const) {
      attempts++;
      const reply = await callAction(stack, cookie, action, fields as Record<string, string | File>);
      if (reply.status >= 500) serverErrors++;
      if (reply.result?.ok !== false || reply.redirect) {
        succeeded++;
        problems.push(`${who} ${action === upload ? "uploaded" : "ran an import"}: ${reply.status} ${JSON.stringify(reply.result)?.slice(0, 120)}`);
      }
    }
    for (const path of [`/import/${fileId}`, "/import", `/import/${randomUUID()}`]) {
      attempts++;
      const res = await fetch(`${stack.base}${path}`, { headers: { cookie }, redirect: "manual" });
      if (res.status !== 404) {
        succeeded++;
        problems.push(`${who} GET ${path}: ${res.status}`);
      }
    }
  }
  for (const path of [`/import/${fileId}`, "/import"]) {
    attempts++;
    const res = await fetch(`${stack.base}${path}`, { redirect: "manual" });
    if (!(res.status === 307 && (res.headers.get("location") ?? "").includes("/login"))) {
      succeeded++;
      problems.push(`signed out GET ${path}: ${res.status}`);
    }
  }
  assert.equal(await uploads(), uploadsBefore, "no upload by anyone but the admin");

  // Over the upload limit: 413 with a sentence before the action runs.
  attempts++;
  const huge = await fetch(`${stack.base}/import`, {
    method: "POST", body: "x".repeat(22 * 1024 * 1024),
    headers: { "next-action": upload.id, cookie: sam, origin: stack.base, "content-type": "text/plain;charset=UTF-8" },
  });
  if (huge.status !== 413 || !/too large \(over 20 MB\)/.test(await huge.text())) {
    succeeded++;
    problems.push(`a 22 MB upload: ${huge.status}`);
  }

  // Hostile files, as the admin: refused with a field error, or read; never a server error; nothing imported.
  const entriesBefore = await entries();
  let refusedFiles = 0;
  let readFiles = 0;
  for (const f of hostileFiles()) {
    attempts++;
    const reply = await callAction(stack, sam, upload, { file: file(f.name, f.bytes) });
    if (reply.status >= 500 || reply.result?.error?.startsWith("Something went wrong")) {
      serverErrors++;
      problems.push(`${f.name}: upload ${reply.status} ${reply.result?.error ?? ""}`);
      continue;
    }
    const id = /\/import\/([0-9a-f-]{36})/.exec(reply.redirect ?? "")?.[1];
    if (!id) {
      // Refused: with a reason about the file (or the body limit's 413 for a file over it).
      const reason = reply.result?.fieldErrors?.file?.[0];
      if (!reason && reply.status !== 413) problems.push(`${f.name}: refused without a reason (${reply.status})`);
      refusedFiles++;
      continue;
    }
    readFiles++;
    const page = await fetch(`${stack.base}/import/${id}`, { headers: { cookie: sam } });
    if (page.status !== 200) {
      serverErrors++;
      problems.push(`${f.name}: preview ${page.status}`);
    }
    const body = await page.text();
    if (body.includes("<script>alert(1)</script>") || body.includes("<img src=x onerror")) {
      succeeded++;
      problems.push(`${f.name}: the preview renders markup from the file`);
    }
    attempts++;
    const run = await callAction(stack, sam, runAction, { fileId: id, intent: "import", skipRefused: "on" });
    if (run.status >= 500 || run.result?.error?.startsWith("Something went wrong")) {
      serverErrors++;
      problems.push(`${f.name}: import ${run.status} ${run.result?.error ?? ""}`);
    } else if (run.result?.ok !== false) {
      succeeded++;
      problems.push(`${f.name}: imported with no account mapped: ${JSON.stringify(run.result)?.slice(0, 120)}`);
    }
  }
  const after = await ctx.checksums();
  const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
  report(`imports: ${attempts} attempts (non-admin uploads, imports and previews, signed-out previews, ${refusedFiles + readFiles} hostile files: ${refusedFiles} refused with a reason, ${readFiles} read and previewed), succeeded: ${succeeded}, server errors: ${serverErrors}, rows changed: ${changed.length + (await entries()) - entriesBefore}`);
  assert.deepEqual(problems, []);
  assert.equal(succeeded, 0);
  assert.equal(serverErrors, 0);
  assert.deepEqual(changed, []);
}
