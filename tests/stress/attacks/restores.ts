// Issue 22's restore: the door that takes a whole practice back in, attacked on the production stack.
//   - the real practice export (GET /export as the admin), uploaded by the admin: the restore page says this
//     practice is not empty, and the restore action refuses it; nothing changes;
//   - the same upload's restore and preview as everyone but the admin, and signed out;
//   - hostile ZIPs: a meta.json that inflates to 100 MB, entries whose declared sizes add up past 4 GB, names
//     that climb out of the archive, another product's ZIP, an encrypted-looking and a truncated one, a meta.json
//     of the wrong format: each refused at the upload with a reason, never a server error;
//   - a time file's upload restored as if it were an export.
// Figure: attempts, succeeded 0, server errors 0, rows changed 0 (every tenant table).
import assert from "node:assert/strict";
import { zipSync } from "fflate";
import { actionIds, callAction, cookieFor, type Stack } from "../harness";

type Report = (line: string) => void;
const NOT_ADMINS = ["priya", "olivia", "marco", "aroha", "yuki"] as const;

/** A ZIP of these files, names as given (fflate writes any name, "../" included). */
async function zip(files: Record<string, Buffer | string>): Promise<Buffer> {
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([name, body]) => [name, typeof body === "string" ? Buffer.from(body) : body]))));
}

/** The archive with every central-directory entry claiming `size` uncompressed bytes (a lie yauzl must catch). */
function lyingSizes(bytes: Buffer, size: number): Buffer {
  const out = Buffer.from(bytes);
  for (let at = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
    out.writeUInt32LE(size, at + 24);
  }
  return out;
}

export async function restores(stack: Stack, report: Report, ctx: { checksums: () => Promise<Record<string, string>> }) {
  const actions = actionIds();
  const upload = { ...actions.get("uploadImportAction")!, path: "/import" };
  const restore = actions.get("restoreExportAction")!;
  const sam = await cookieFor(stack, "sam");
  const before = await ctx.checksums();
  let attempts = 0;
  let succeeded = 0;
  let serverErrors = 0;
  const problems: string[] = [];
  const file = (name: string, bytes: Buffer | string) => new File([typeof bytes === "string" ? bytes : new Uint8Array(bytes)], name, { type: "application/zip" });
  const idOf = (redirect: string | null | undefined) => /\/import\/([0-9a-f-]{36})/.exec(redirect ?? "")?.[1];

  // The practice's own export, as its admin downloads it.
  const res = await fetch(`${stack.base}/export`, { headers: { cookie: sam } });
  assert.equal(res.status, 200, "the admin downloads the practice's export");
  const archive = Buffer.from(await res.arrayBuffer());
  const uploaded = await callAction(stack, sam, upload, { file: file("practice.zip", archive) });
  const fileId = idOf(uploaded.redirect);
  assert.ok(fileId, `the export is accepted as an upload: ${JSON.stringify(uploaded.result)?.slice(0, 200)}`);

  // Its page: what it holds, and that this practice is not empty (no button).
  attempts++;
  const page = await fetch(`${stack.base}/import/${fileId}`, { headers: { cookie: sam } });
  const html = await page.text();
  if (page.status !== 200 || !html.includes("A restore goes into an empty practice") || html.includes("Restore 3 clients")) {
    succeeded++;
    problems.push(`the restore page of a non-empty practice: ${page.status}, ${html.includes("A restore goes into an empty practice") ? "" : "no refusal shown"}`);
  }
  // The admin presses restore anyway (the action, posted directly): refused with the reason.
  attempts++;
  const forced = await callAction(stack, sam, restore, { fileId });
  if (forced.status >= 500) serverErrors++;
  if (forced.result?.ok !== false || !/A restore goes into an empty practice/.test(forced.result?.error ?? "")) {
    succeeded++;
    problems.push(`restore into a practice with clients: ${forced.status} ${JSON.stringify(forced.result)?.slice(0, 160)}`);
  }

  // Everyone else, with the real upload's id; and signed out.
  for (const who of NOT_ADMINS) {
    const cookie = await cookieFor(stack, who);
    attempts++;
    const reply = await callAction(stack, cookie, restore, { fileId });
    if (reply.status >= 500) serverErrors++;
    if (reply.result?.ok !== false || reply.redirect) {
      succeeded++;
      problems.push(`${who} restored: ${reply.status} ${JSON.stringify(reply.result)?.slice(0, 120)}`);
    }
    attempts++;
    const view = await fetch(`${stack.base}/import/${fileId}`, { headers: { cookie }, redirect: "manual" });
    if (view.status !== 404) {
      succeeded++;
      problems.push(`${who} GET the restore page: ${view.status}`);
    }
  }
  attempts++;
  const signedOut = await fetch(`${stack.base}/import/${fileId}`, { redirect: "manual" });
  if (signedOut.status !== 307) {
    succeeded++;
    problems.push(`signed out GET the restore page: ${signedOut.status}`);
  }

  // A time file's upload, restored as if it were an export.
  const csv = await callAction(stack, sam, upload, {
    file: new File([`Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Invoiced?,Approved?,First Name,Last Name,Roles,Employee?,Billable Rate,Billable Amount,Cost Rate,Cost Amount,Currency,External Reference URL\n2026-10-05,Nobody,P,,Build,Work,1,Yes,No,Yes,Eve,A,,Yes,0,0,0,0,Euro - EUR,\n`], "time.csv", { type: "text/csv" }),
  });
  attempts++;
  const asExport = await callAction(stack, sam, restore, { fileId: idOf(csv.redirect)! });
  if (asExport.result?.ok !== false || !/not a Retainer Portal export/.test(asExport.result?.error ?? "")) {
    succeeded++;
    problems.push(`a CSV upload restored: ${JSON.stringify(asExport.result)?.slice(0, 160)}`);
  }

  // Hostile ZIPs: refused at the upload with a reason about the file.
  const meta = JSON.stringify({ format: "retainer-portal-export", version: 1, exported_at: "2026-12-01T00:00:00Z", exported_by: "x", scope: "practice", clients: [], rows: {} });
  const hostile: { name: string; bytes: Buffer }[] = [
    { name: "bomb.zip", bytes: await zip({ "meta.json": Buffer.alloc(100 * 1024 * 1024, 0x20) }) },
    { name: "lying-sizes.zip", bytes: lyingSizes(await zip({ "meta.json": meta, "a.json": "[]", "b.json": "[]" }), 0xfffffff0) },
    { name: "climbing.zip", bytes: await zip({ "../meta.json": meta.replace('"practice"', '"client"'), "../../etc/passwd": "root" }) },
    { name: "other-product.zip", bytes: await zip({ "word/document.xml": "<w:document/>", "[Content_Types].xml": "<Types/>" }) },
    { name: "truncated.zip", bytes: archive.subarray(0, Math.floor(archive.length / 2)) },
    { name: "wrong-format.zip", bytes: await zip({ "meta.json": meta.replace("retainer-portal-export", "solidtime-export") }) },
    { name: "two-metas.zip", bytes: await zip({ "meta.json": meta, "x/meta.json": meta }) },
  ];
  let refused = 0;
  for (const f of hostile) {
    attempts++;
    const reply = await callAction(stack, sam, upload, { file: file(f.name, f.bytes) });
    if (reply.status >= 500 || reply.result?.error?.startsWith("Something went wrong")) {
      serverErrors++;
      problems.push(`${f.name}: ${reply.status} ${reply.result?.error ?? ""}`);
      continue;
    }
    const reason = reply.result?.fieldErrors?.file?.[0];
    if (idOf(reply.redirect) || !reason) {
      succeeded++;
      problems.push(`${f.name}: ${idOf(reply.redirect) ? "accepted" : "refused without a reason"} (${reply.status})`);
      continue;
    }
    refused++;
  }

  const after = await ctx.checksums();
  const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
  report(`restores: ${attempts} attempts (a restore into a practice with clients, 5 people who are not admins and signed out, a CSV as an export, ${hostile.length} hostile ZIPs: ${refused} refused with a reason), succeeded: ${succeeded}, server errors: ${serverErrors}, rows changed: ${changed.length}`);
  assert.deepEqual(problems, []);
  assert.equal(succeeded, 0);
  assert.equal(serverErrors, 0);
  assert.deepEqual(changed, []);
}
