// Issue 22: importing time from Harvest, Toggl and Clockify through the real commands, views and schema: the
// upload is refused unless its header names a format; the preview maps accounts and people by name and email,
// shows minutes per client and month and marks history before the first terms month; the import writes in one
// transaction with a key per source row, so a second import adds nothing; closed months are refused and a file
// with refused rows writes nothing unless the admin skips them; mappings are remembered; only admins may do
// any of it, and authenticated may not touch the uploads or the mappings directly.
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/lib/auth/session";
import { execute } from "@/lib/commands/execute";
import { asUser } from "@/lib/db";
import { loadViewer } from "@/lib/db/viewer";
import { runImport, uploadImport } from "@/lib/import/commands";
import { viewImport } from "@/lib/pages/import";
import { admin, createCast, createClient, createStaff, createUser, type TestUser } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
let sam: TestUser;
let priya: TestUser;
const names = { harbor: "", kiwi: "", sam: "", priya: "" };
const ids = { harbor: "", kiwi: "" };

async function session(user: TestUser): Promise<Session> {
  return { claims: user.claims, viewer: await asUser(user.claims, (tx) => loadViewer(tx, { userId: user.id, email: user.email })) };
}

/** A fixture file with this run's clients and people in place of the demo's. */
function fixture(name: string): string {
  const t = names.sam.split(" ")[0];
  return readFileSync(`tests/fixtures/imports/${name}`, "utf8")
    .replaceAll("Harbor & Pine Bakery", names.harbor).replaceAll("Kiwi Freight Co.", names.kiwi)
    .replaceAll("Sam,Rivera", `${t},Rivera`).replaceAll("Priya,Nair", `${names.priya.split(" ")[0]},Nair`)
    .replaceAll("Sam Rivera", names.sam).replaceAll("Priya Nair", names.priya)
    .replaceAll("sam@practice.test", sam.email).replaceAll("priya@practice.test", priya.email);
}

const upload = (user: TestUser, text: string, fileName = "export.csv") => {
  const form = new FormData();
  form.set("file", new File([text], fileName, { type: "text/csv" }));
  return execute(uploadImport, user.claims, form);
};
const run = (user: TestUser, fields: Record<string, string>) => execute(runImport, user.claims, fields);
const uploadOk = async (text: string) => {
  const out = await upload(cast.admin, text);
  if (!out.ok) throw out.error;
  return out.data.fileId;
};
const entriesOf = (clientId: string) =>
  admin<{ workDate: string; minutes: number; engineerId: string; billable: boolean; category: string; importKey: string | null }[]>`
    select to_char(work_date, 'YYYY-MM-DD') as "workDate", minutes, engineer_id as "engineerId", billable, category, import_key as "importKey"
    from public.time_entries where client_id = ${clientId} order by work_date, created_at, minutes`;
const counts = async () => (await admin<{ entries: number; files: number; mappings: number }[]>`
  select (select count(*)::int from public.time_entries) as entries, (select count(*)::int from public.import_files) as files,
         (select count(*)::int from public.import_mappings) as mappings`)[0];

beforeAll(async () => {
  cast = await createCast();
  const t = randomUUID().slice(0, 6);
  names.harbor = `Harbor ${t} Bakery`;
  names.kiwi = `Kiwi ${t} Freight`;
  names.sam = `Sam${t} Rivera`;
  names.priya = `Priya${t} Nair`;
  sam = await createStaff("imp-sam", "engineer");
  priya = await createStaff("imp-priya", "engineer");
  await admin`update public.profiles set full_name = ${names.sam} where id = ${sam.id}`;
  await admin`update public.profiles set full_name = ${names.priya} where id = ${priya.id}`;
  ids.harbor = await createClient({ name: names.harbor });
  ids.kiwi = await createClient({ name: names.kiwi, timezone: "Pacific/Auckland", currency: "NZD" });
  // Harbor's retainer starts in September 2026: its September is billed. Kiwi has no terms: all history.
  await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour, overage_increment_minutes)
    values (${ids.harbor}, '2026-09-01', 1200, 400000, 15000, 15)`;
});

describe("uploading", () => {
  it("is for admins only, and keeps nothing it refuses", async () => {
    const before = await counts();
    for (const who of [cast.assigned, cast.ownerA, cast.memberA]) {
      const out = await upload(who, fixture("harvest-detailed-time.csv"));
      expect(out.ok, "a non-admin uploads").toBe(false);
      if (!out.ok) expect(out.error.code).toBe("not_found");
    }
    const unknown = await upload(cast.admin, "name,amount\nx,1\n");
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) {
      expect(unknown.error.fieldErrors.file?.[0]).toMatch(/not a format the importer reads/);
    }
    // A name that says something else than the content (ASVS 5.2.2): refused, naming both.
    for (const name of ["harvest.zip", "harvest.exe", "harvest"]) {
      const misnamed = await upload(cast.admin, fixture("harvest-detailed-time.csv"), name);
      expect(misnamed.ok, name).toBe(false);
      if (!misnamed.ok) expect(misnamed.error.fieldErrors.file?.[0]).toContain(`named “${name}” but is a CSV export. Rename it to end in .csv`);
    }
    const empty = await execute(uploadImport, cast.admin.claims, new FormData());
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error.fieldErrors.file).toEqual(["Choose a CSV file (or a Retainer Portal export's ZIP) to upload."]);
    expect(await counts()).toEqual(before);
  });
});

describe("a Harvest file, previewed and imported twice", () => {
  let fileId: string;

  it("previews: accounts matched by name, people by name, minutes per client and month, history marked", async () => {
    fileId = await uploadOk(fixture("harvest-detailed-time.csv"));
    const v = await viewImport(await session(cast.admin), fileId);
    expect(v.file.format).toBe("harvest");
    expect(v.accounts.map((a) => [a.key, a.id, a.origin])).toEqual(
      [[names.harbor, ids.harbor, "matched"], [names.kiwi, ids.kiwi, "matched"]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(v.persons.map((p) => [p.name, p.id])).toEqual([[names.priya, priya.id], [names.sam, sam.id]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    expect(v.plan).toMatchObject({ rowsRead: 8, toWrite: 8, refusedCount: 0, unmappedCount: 0 });
    expect(v.before).toBe(0);
    const harbor = v.months.find((m) => m.clientId === ids.harbor)!;
    expect(harbor).toMatchObject({ month: "2026-09-01", entries: 5, billableMinutes: 150 + 30 + 75 + 240 + 15, otherMinutes: 0, history: false });
    const kiwi = v.months.find((m) => m.clientId === ids.kiwi)!;
    expect(kiwi).toMatchObject({ entries: 3, billableMinutes: 180 + 120, otherMinutes: 60, history: true });
  });

  it("imports every row in one go, attributed to the people mapped, with an audit event per client", async () => {
    const out = await run(cast.admin, { fileId, intent: "import" });
    expect(out.ok ? out.data : out.error).toMatchObject({ intent: "import", added: 8, before: 0 });
    if (out.ok) expect(out.message).toBe("Imported 8 entries.");
    const harbor = await entriesOf(ids.harbor);
    expect(harbor.map((e) => [e.workDate, e.minutes, e.engineerId === sam.id, e.category])).toEqual([
      ["2026-09-01", 150, true, "build"], ["2026-09-02", 30, true, "meeting"], ["2026-09-03", 75, true, "maintenance"],
      ["2026-09-08", 240, true, "build"], ["2026-09-10", 15, true, "support"],
    ]);
    expect(harbor.every((e) => e.importKey?.startsWith("harvest:"))).toBe(true);
    const kiwi = await entriesOf(ids.kiwi);
    expect(kiwi.map((e) => [e.engineerId === priya.id ? "priya" : e.engineerId === sam.id ? "sam" : "?", e.billable])).toEqual([["priya", true], ["priya", false], ["sam", true]]);
    const audit = await admin`select client_id, data from public.audit_events where action = 'entry.imported' and entity_id = ${fileId} order by client_id`;
    expect(audit.map((a) => [a.client_id, a.data.entries, a.data.minutes])).toEqual(
      [[ids.harbor, 5, 510], [ids.kiwi, 3, 360]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const [file] = await admin`select added, imported_by from public.import_files where id = ${fileId}`;
    expect(file).toEqual({ added: 8, imported_by: cast.admin.id });
  });

  it("adds nothing the second time, from the same upload or the same file uploaded again", async () => {
    const again = await run(cast.admin, { fileId, intent: "import" });
    expect(again.ok && again.data).toMatchObject({ added: 0, before: 8 });
    const second = await uploadOk(fixture("harvest-detailed-time.csv"));
    const v = await viewImport(await session(cast.admin), second);
    expect(v.before).toBe(8);
    const out = await run(cast.admin, { fileId: second, intent: "import" });
    expect(out.ok && out.data).toMatchObject({ added: 0, before: 8 });
    expect((await entriesOf(ids.harbor)).length + (await entriesOf(ids.kiwi)).length).toBe(8);
  });

  it("remembers the mappings for the next file of the same product", async () => {
    const rows = await admin`select kind, name, client_id, engineer_id from public.import_mappings where source = 'harvest' and name in (${names.harbor}, ${names.sam})`;
    expect(rows).toEqual(expect.arrayContaining([
      { kind: "account", name: names.harbor, client_id: ids.harbor, engineer_id: null },
      { kind: "person", name: names.sam, client_id: null, engineer_id: sam.id },
    ]));
  });
});

describe("refusals", () => {
  it("a closed month refuses its rows; with any refused row nothing is written unless the admin skips them", async () => {
    const clientId = await createClient({ name: `Closed ${randomUUID().slice(0, 6)}` });
    await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour, overage_increment_minutes)
      values (${clientId}, '2026-08-01', 600, 100000, 10000, 15)`;
    await admin`insert into public.billing_periods (client_id, month, status, closed_at) values (${clientId}, '2026-08-01', 'closed', now())`;
    const [name] = await admin`select name from public.clients where id = ${clientId}`;
    const header = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (EUR)";
    const text = [
      header,
      `${names.sam},${sam.email},${name.name},P,,August work,Yes,2026-08-31,09:00:00,2026-08-31,10:00:00,01:00:00,,0`,
      `${names.sam},${sam.email},${name.name},P,,September work,Yes,2026-09-01,09:00:00,2026-09-01,10:00:00,01:00:00,,0`,
      `${names.sam},${sam.email},${name.name},P,,Bad duration,Yes,2026-09-02,09:00:00,2026-09-02,10:00:00,one hour,,0`,
    ].join("\n");
    const fileId = await uploadOk(text);
    const v = await viewImport(await session(cast.admin), fileId);
    expect(v.plan.refusals).toEqual([
      { row: 2, column: null, reason: `August 2026 is closed for ${name.name}: an import never changes a billed total.` },
      { row: 4, column: "Duration", reason: '"one hour" is not a duration (use HH:MM:SS).' },
    ]);
    const before = await counts();
    const refused = await run(cast.admin, { fileId, intent: "import" });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.userMessage).toBe("2 rows can't be imported (listed below). Fix them in the file and upload it again, or choose to skip them. Nothing was imported.");
      expect(refused.error.fieldErrors.skipRefused).toBeDefined();
    }
    expect(await counts()).toEqual(before);
    const skipped = await run(cast.admin, { fileId, intent: "import", skipRefused: "on" });
    expect(skipped.ok && skipped.message).toBe("Imported 1 entry. 2 rows skipped.");
    expect((await entriesOf(clientId)).map((e) => e.workDate)).toEqual(["2026-09-01"]);
  });

  it("an unmapped account or person writes nothing; an account left out is left out", async () => {
    const t = randomUUID().slice(0, 6);
    const header = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (EUR)";
    const text = [
      header,
      `Nobody ${t},nobody-${t}@elsewhere.test,Unknown ${t},P,,Work,Yes,2026-10-01,09:00:00,2026-10-01,10:00:00,01:00:00,,0`,
      `${names.sam},${sam.email},Other ${t},P,,Work,Yes,2026-10-01,09:00:00,2026-10-01,10:00:00,01:00:00,,0`,
    ].join("\n");
    const fileId = await uploadOk(text);
    const v = await viewImport(await session(cast.admin), fileId);
    expect(v.plan.unmappedCount).toBe(2);
    const before = await counts();
    const refused = await run(cast.admin, { fileId, intent: "import" });
    expect(!refused.ok && refused.error.userMessage).toBe("Map every client and person of the file first: 2 rows would have nowhere to go. Nothing was imported.");
    expect(await counts()).toEqual(before);

    // Map: the unknown client's rows left out, the other account to Harbor, the unknown person to Sam.
    const accounts = v.accounts.map((a) => a.key);
    const persons = v.persons.map((p) => p.key);
    const fields: Record<string, string> = { fileId, intent: "import" };
    accounts.forEach((a, n) => Object.assign(fields, { [`account.${n}`]: a, [`accountTo.${n}`]: a === `Unknown ${t}` ? "skip" : ids.harbor }));
    persons.forEach((p, n) => Object.assign(fields, { [`person.${n}`]: p, [`personTo.${n}`]: sam.id }));
    const out = await run(cast.admin, fields);
    expect(out.ok && out.message).toBe("Imported 1 entry. 1 row left out by the mapping.");
    const [left] = await admin`select client_id from public.import_mappings where source = 'toggl' and kind = 'account' and name = ${`Unknown ${t}`}`;
    expect(left).toEqual({ client_id: null });
  });

  it("a mapping to someone who is not staff, or to a client that does not exist, is no mapping", async () => {
    const t = randomUUID().slice(0, 6);
    const text = [
      "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (EUR)",
      `Stranger ${t},stranger-${t}@elsewhere.test,${names.harbor},P,,Work,Yes,2026-10-02,09:00:00,2026-10-02,10:00:00,01:00:00,,0`,
    ].join("\n");
    const fileId = await uploadOk(text);
    const outsider = await createUser("outsider");
    const before = await counts();
    const out = await run(cast.admin, {
      fileId, intent: "import", "account.0": names.harbor, "accountTo.0": randomUUID(), "person.0": `stranger-${t}@elsewhere.test`, "personTo.0": outsider.id,
    });
    expect(!out.ok && out.error.userMessage).toMatch(/^Map every client and person of the file first/);
    expect(await counts()).toEqual(before);
    const bad = await run(cast.admin, { fileId, intent: "preview", "account.0": names.harbor, "accountTo.0": "not-an-id" });
    expect(!bad.ok && bad.error.fieldErrors["accountTo.0"]).toEqual(["Choose from the list."]);
  });

  it("only admins run an import or see an upload", async () => {
    const fileId = await uploadOk(fixture("toggl-detailed.csv"));
    const before = await counts();
    for (const who of [cast.assigned, cast.unassigned, cast.ownerA]) {
      const out = await run(who, { fileId, intent: "import" });
      expect(!out.ok && out.error.code).toBe("not_found");
    }
    await expect(viewImport(await session(cast.assigned), fileId)).rejects.toMatchObject({ code: "not_found" });
    expect(await counts()).toEqual(before);
  });
});
