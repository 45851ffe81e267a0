// Issue 22's round trip: a practice (the demo, with a month closed by the seed, a correction of it, and the next
// month closed by the real close) is exported by its admin through the real archive, and restored by the first
// admin of an EMPTY practice on another database. Every closed month's statement, every invoice with its lines
// and totals, every entry, the invoice series and the people come back identical; and the month after, closed in
// both by the real close, is invoiced identically. A practice that holds anything refuses a restore; an archive
// with a row changed refuses with the row and writes nothing.
import { createHash } from "node:crypto";
import yazl from "yazl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeMonthTx } from "@/lib/billing/close";
import type { Claims, Tx } from "@/lib/db";
import { demoId, seed } from "@/lib/dev/seed";
import { archiveFiles, writeArchive } from "@/lib/export/archive";
import { looksLikeZip, openArchive } from "@/lib/import/archive";
import { restoreArchive } from "@/lib/import/restore";
import { AppError } from "@/lib/platform/errors";
import { PNG } from "../fixtures/attachments";
import { isolatedDatabase } from "../support/isolated-db";

type Db = Awaited<ReturnType<typeof isolatedDatabase>>;
let src: Db;
let dst: Db;
let bytes: Buffer;
const NOW = new Date("2031-03-18T20:00:00Z");
const SAM: Claims = { sub: demoId("sam@practice.test"), email: "sam@practice.test", role: "authenticated" };
const CLIENTS = ["harbor", "kiwi", "sakura"].map((k) => demoId(`client:${k}`));

async function exportPractice(db: Db, claims: Claims): Promise<Buffer> {
  return db.asUser(claims, async (tx) => {
    const clients = await tx<{ id: string; name: string; slug: string }[]>`select id, name, slug from public.clients order by name`;
    const archive = writeArchive(tx, { clients, practice: true, exportedAt: NOW, exportedBy: claims.email, files: await archiveFiles(tx, clients) });
    const chunks: Buffer[] = [];
    for await (const chunk of archive.output) chunks.push(chunk as Buffer);
    await archive.done;
    return Buffer.concat(chunks);
  });
}

/** The first admin of a new deployment (as `npm run staff` makes one). */
async function firstAdmin(db: Db, email: string) {
  const who = await db.signIn(email, "New Admin");
  await db.admin`insert into public.staff (user_id, role) values (${who.id}, 'admin')`;
  return who;
}

async function restore(db: Db, claims: Claims, zip: Uint8Array) {
  const archive = await openArchive(zip);
  try {
    return await db.asUser(claims, (tx) => restoreArchive(tx, archive, { actorId: claims.sub, today: "2031-03-18" }));
  } finally {
    archive.close();
  }
}

const close = (db: Db, clientId: string, month: string, now: Date) =>
  db.asService((tx: Tx) => closeMonthTx(tx, clientId, month, { actorId: null, now, invoicing: "local" }));

/** What billing rests on, in a form two databases can be compared by. */
async function books(db: Db) {
  const q = db.admin;
  return {
    statements: await q`select client_id, to_char(month, 'YYYY-MM') as month, closed_at, statement from public.billing_periods where status = 'closed' order by 1, 2`,
    invoices: await q`
      select id, client_id, to_char(month, 'YYYY-MM') as month, number, status, currency, net_cents, tax_cents, total_cents, due_date, issued_at,
             paid_at, pushed_at, legal from public.invoices order by client_id, month`,
    lines: await q`
      select invoice_id, position, kind, description, quantity_minutes, unit_amount_cents, amount_cents, tax_rate_bp, for_month
      from public.invoice_lines order by invoice_id, position`,
    entries: await q`
      select e.id, e.client_id, p.email, e.work_date, e.minutes, e.description, e.category, e.billable, e.roadmap_item_id, e.adjusts_entry_id,
             e.voided_at, e.void_reason, e.created_at from public.time_entries e join public.profiles p on p.id = e.engineer_id order by e.id`,
    terms: await q`
      select id, client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour, overage_increment_minutes,
             rollover_cap_minutes, rollover_expiry_months, overage_preapproved_minutes from public.retainer_terms order by 1, 2`,
    people: await q`
      select c.slug, p.email, m.role from public.client_members m join public.profiles p on p.id = m.user_id join public.clients c on c.id = m.client_id
      union all select c.slug, p.email, 'engineer' from public.client_engineers e join public.profiles p on p.id = e.user_id join public.clients c on c.id = e.client_id
      order by 1, 2`,
    roadmap: await q`select id, client_id, title, status, position, estimate_minutes, shipped_at from public.roadmap_items order by id`,
    updates: await q`select id, client_id, week_start, status, title, body_md, facts, citations, published_at from public.weekly_updates order by id`,
    extraHours: await q`select id, client_id, month, minutes, reason, quoted_cents, status, requested_by, decided_by, po_number from public.extra_hours_requests order by id`,
    questions: await q`
      select q.id, q.entry_id, q.month, q.status, q.opened_by, (select array_agg(m.body order by m.created_at) from public.entry_question_messages m where m.question_id = q.id) as thread
      from public.entry_questions q order by q.id`,
    confirmations: await q`select client_id, month, user_id from public.month_confirmations order by 1, 2`,
    counter: (await q`select last from private.invoice_counters`)[0].last,
    settings: await q`select name, legal_name, country, address, tax_registrations, invoice_email, days_until_due, reminder_days from public.practice_settings`,
    // The handbook and what AI saw (issue 26): pages, every version, attachments byte for byte, every request.
    handbook: await q`select id, client_id, section, title, body_md, visibility, roadmap_item_id, version, created_at, updated_at from public.handbook_pages order by id`,
    versions: await q`select page_id, version, title, body_md, visibility, source, restored_from, saved_at from public.handbook_versions order by page_id, version`,
    files: await q`select id, page_id, name, content_type, size_bytes, sha256, md5(data) as bytes from public.handbook_files order by id`,
    ai: await q`select id, client_id, created_at, purpose, request, response, outcome, masked, update_id, handbook_page_id from public.ai_requests order by id`,
  };
}

beforeAll(async () => {
  src = await isolatedDatabase("restore_src");
  dst = await isolatedDatabase("restore_dst");
  expect(await seed(src.admin, NOW)).toBe(true);
  // A correction of January (closed by the seed, invoiced) in February: February's invoice carries the credit.
  for (const clientId of CLIENTS) {
    const [target] = await src.admin<{ id: string; engineer_id: string; minutes: number }[]>`
      select id, engineer_id, minutes from public.time_entries where client_id = ${clientId} and work_date < '2031-02-01' order by minutes desc, id limit 1`;
    await src.admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, adjusts_entry_id)
      values (${clientId}, ${target.engineer_id}, '2031-02-10', ${-target.minutes}, 'Logged twice in January', 'build', ${target.id})`;
    expect((await close(src, clientId, "2031-02-01", NOW)).outcome).toBe("closed");
  }
  // Owners' decisions in the open month: approved extra hours at a quoted price (March's close bills them), a
  // question with its thread, a confirmation.
  const kiwiOwner = demoId("aroha@kiwifreight.test");
  const harborOwner = demoId("olivia@harborpine.test");
  await src.admin`insert into public.extra_hours_requests (client_id, month, minutes, reason, quoted_cents, status, requested_by, decided_by, decided_at, po_number)
    values (${CLIENTS[1]}, '2031-03-01', 1200, 'Customs cut-over', 400000, 'approved', ${SAM.sub}, ${kiwiOwner}, now(), 'PO-7')`;
  const [asked] = await src.admin`insert into public.entry_questions (client_id, entry_id, month, opened_by)
    select client_id, id, '2031-03-01', ${harborOwner} from public.time_entries where client_id = ${CLIENTS[0]} and work_date >= '2031-03-01' and voided_at is null
    order by work_date limit 1 returning id`;
  await src.admin`insert into public.entry_question_messages (question_id, client_id, author_id, body, created_at)
    values (${asked.id}, ${CLIENTS[0]}, ${harborOwner}, 'Was this planned?', '2031-03-17T10:00:00Z'),
           (${asked.id}, ${CLIENTS[0]}, ${SAM.sub}, 'Yes, in the roadmap.', '2031-03-17T11:00:00Z')`;
  // Two long days for Kiwi in March: overage, part of it covered by the approved block.
  await src.admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
    values (${CLIENTS[1]}, ${SAM.sub}, '2031-03-16', 1440, 'Cut-over weekend', 'build'), (${CLIENTS[1]}, ${SAM.sub}, '2031-03-17', 1440, 'Cut-over weekend', 'build')`;
  await src.admin`insert into public.month_confirmations (client_id, month, user_id) values (${CLIENTS[0]}, '2031-02-01', ${harborOwner})`;
  // A void in the open month, so the archive carries one.
  await src.admin`update public.time_entries set voided_at = now(), voided_by = ${SAM.sub}, void_reason = 'Wrong client'
    where id = (select id from public.time_entries where client_id = ${CLIENTS[0]} and work_date >= '2031-03-01' order by work_date limit 1)`;
  // A handbook page's attachment and a second version, and a request sent to a model that became a page's draft.
  const page = demoId("handbook:harbor:0");
  await src.admin`insert into public.handbook_files (client_id, page_id, name, content_type, size_bytes, sha256, data, uploaded_by)
    values (${CLIENTS[0]}, ${page}, 'Board (morning).png', 'image/png', ${PNG.length}, ${createHash("sha256").update(PNG).digest("hex")}, ${PNG}, ${SAM.sub})`;
  await src.admin`insert into public.ai_requests (client_id, requested_by, purpose, endpoint, model, answered_by, prompt_version, attempt, http_attempts,
      request, response, outcome, masked, handbook_page_id)
    values (${CLIENTS[0]}, ${SAM.sub}, 'Draft of a handbook page', 'https://api.anthropic.com/v1/messages', 'claude-sonnet-5-5', 'claude-sonnet-5-5',
      'handbook-runbook/2026-12-07.1', 1, 1, ${src.admin.json({ system: "s", messages: [{ role: "user", content: "<work>…</work>" }] })}, '{"title":"x"}', 'accepted',
      ${src.admin.json([{ kind: "email", placeholder: "[email 1]", preview: "d…(16 chars)" }])}, ${page})`;
  bytes = await exportPractice(src, SAM);
}, 120_000);
afterAll(async () => {
  await src?.drop();
  await dst?.drop();
});

describe("export a practice, restore it into an empty one", () => {
  it("brings back every statement, invoice, line, entry, term, person and the invoice series, identical", async () => {
    expect(looksLikeZip(bytes)).toBe(true);
    const admin = await firstAdmin(dst, "new-admin@practice.test");
    const counts = await restore(dst, admin.claims, bytes);
    const [before, after] = [await books(src), await books(dst)];

    expect(counts).toMatchObject({ clients: 3, closedMonths: 6, invoices: 6, entries: before.entries.length });
    expect(before.statements).toHaveLength(6);
    expect(after.statements).toEqual(before.statements);
    expect(before.invoices.filter((i) => i.month === "2031-02").every((i) => i.number)).toBe(true);
    expect(after.invoices).toEqual(before.invoices);
    expect(before.lines.some((l) => l.kind === "adjustment" && Number(l.amount_cents) < 0)).toBe(true); // the credit for January
    expect(after.lines).toEqual(before.lines);
    expect(after.entries).toEqual(before.entries);
    expect(after.entries.some((e) => e.voided_at && e.void_reason === "Wrong client")).toBe(true);
    expect(after.terms).toEqual(before.terms);
    expect(after.people).toEqual(before.people);
    expect(after.roadmap).toEqual(before.roadmap);
    expect(after.updates).toEqual(before.updates);
    expect(after.counter).toBe(before.counter);
    // Profiles get new ids on the new instance: compare who by email.
    const byEmail = async (db: Db, rows: Record<string, unknown>[], keys: string[]) => {
      const emails = new Map((await db.admin<{ id: string; email: string }[]>`select id, email from public.profiles`).map((p) => [p.id, p.email]));
      return rows.map((r) => ({ ...r, ...Object.fromEntries(keys.map((k) => [k, r[k] ? emails.get(r[k] as string) : null])) }));
    };
    expect(before.extraHours).toHaveLength(1);
    expect(await byEmail(dst, after.extraHours, ["requested_by", "decided_by"])).toEqual(await byEmail(src, before.extraHours, ["requested_by", "decided_by"]));
    expect(await byEmail(dst, after.questions, ["opened_by"])).toEqual(await byEmail(src, before.questions, ["opened_by"]));
    expect(after.questions[0].thread).toEqual(["Was this planned?", "Yes, in the roadmap."]);
    expect(await byEmail(dst, after.confirmations, ["user_id"])).toEqual(await byEmail(src, before.confirmations, ["user_id"]));
    expect(after.settings).toEqual(before.settings);
    // The handbook with every version and its attachment (byte for byte), and what AI saw with the page it became.
    expect(before.handbook.length).toBeGreaterThan(0);
    expect(after.handbook).toEqual(before.handbook);
    expect(after.versions).toEqual(before.versions);
    expect(before.files).toHaveLength(1);
    expect(after.files).toEqual(before.files);
    expect(after.ai).toEqual(before.ai);
    expect(counts).toMatchObject({ handbookPages: before.handbook.length, aiRequests: 1 });
    // The staff of the old practice are staff again; the admin who restored keeps their role.
    const staff = await dst.admin`select p.email, s.role from public.staff s join public.profiles p on p.id = s.user_id order by 1`;
    expect(staff).toEqual([
      { email: "new-admin@practice.test", role: "admin" }, { email: "priya@practice.test", role: "engineer" }, { email: "sam@practice.test", role: "admin" },
    ]);
    const restored = await dst.admin`select count(*)::int as n from public.audit_events where action = 'client.restored' and actor_id = ${admin.id}`;
    expect(restored[0].n).toBe(3);
  });

  it("bills the month after identically: the restored practice closes March as the old one would", async () => {
    const next = new Date("2031-04-02T12:00:00Z");
    for (const clientId of CLIENTS) {
      expect((await close(src, clientId, "2031-03-01", next)).outcome).toBe("closed");
      expect((await close(dst, clientId, "2031-03-01", next)).outcome).toBe("closed");
    }
    const march = async (db: Db) => ({
      invoices: await db.admin`select client_id, number, net_cents, tax_cents, total_cents, due_date from public.invoices where month = '2031-03-01' order by client_id`,
      lines: await db.admin`select i.client_id, l.position, l.kind, l.description, l.quantity_minutes, l.amount_cents from public.invoice_lines l
        join public.invoices i on i.id = l.invoice_id where i.month = '2031-03-01' order by 1, 2`,
      statements: await db.admin`select client_id, statement from public.billing_periods where month = '2031-03-01' order by 1`,
    });
    const [a, b] = [await march(src), await march(dst)];
    expect(a.invoices).toHaveLength(3);
    expect(a.lines.some((l) => /approved in advance, at the quoted price/.test(l.description))).toBe(true); // Kiwi's approved block
    expect(b).toEqual(a);
  });

  it("refuses a practice that holds anything, and changes nothing", async () => {
    const admin = (await dst.admin<{ id: string; email: string }[]>`select p.id, p.email from public.profiles p where p.email = 'new-admin@practice.test'`)[0];
    const count = async () => (await dst.admin`select count(*)::int as n from public.time_entries`)[0].n;
    const before = await count();
    const err = await restore(dst, { sub: admin.id, email: admin.email, role: "authenticated" }, bytes).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).userMessage).toMatch(/A restore goes into an empty practice, and this one already has 3 clients/);
    expect(await count()).toBe(before);
  });

  it("refuses an archive with a changed row, naming the file and row, and writes nothing", async () => {
    const empty = await isolatedDatabase("restore_bad");
    try {
      const admin = await firstAdmin(empty, "admin@elsewhere.test");
      const tampered = await rewrite(bytes, "clients/harbor-pine/entries.json", (text) => {
        const lines = text.split("\n");
        lines[3] = lines[3].replace(/"minutes":\d+/, '"minutes":"lots"');
        return lines.join("\n");
      });
      const err = await restore(empty, admin.claims, tampered).catch((e: unknown) => e);
      expect((err as AppError).userMessage).toBe(
        "clients/harbor-pine/entries.json, row 3: minutes is not what the export writes (Invalid input: expected number, received string). Nothing was restored.",
      );
      const held = await empty.admin`select (select count(*)::int from public.clients) as clients, (select count(*)::int from public.time_entries) as entries`;
      expect(held[0]).toEqual({ clients: 0, entries: 0 });
    } finally {
      await empty.drop();
    }
  });

  it("refuses an archive whose attachment was swapped for a script under the image's name, and writes nothing", async () => {
    const empty = await isolatedDatabase("restore_file");
    try {
      const admin = await firstAdmin(empty, "admin@elsewhere.test");
      const { unzipSync, zipSync, strToU8 } = await import("fflate");
      const files = unzipSync(bytes);
      const path = Object.keys(files).find((k) => /handbook_files\/[0-9a-f-]{36}-Board_morning_\.png$/.test(k))!;
      expect(path).toBeDefined();
      files[path] = strToU8('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
      const err = await restore(empty, admin.claims, Buffer.from(zipSync(files))).catch((e: unknown) => e);
      expect((err as AppError).userMessage).toBe(`${path} is not the file handbook_files.json describes: it was changed after it was exported. Nothing was restored.`);
      const held = await empty.admin`select (select count(*)::int from public.clients) as clients, (select count(*)::int from public.handbook_files) as files`;
      expect(held[0]).toEqual({ clients: 0, files: 0 });
    } finally {
      await empty.drop();
    }
  });

  it("refuses what is not an export: a ZIP without meta.json, another format, garbage", async () => {
    const zip = async (files: Record<string, string>) => {
      const z = new yazl.ZipFile();
      for (const [name, body] of Object.entries(files)) z.addBuffer(Buffer.from(body), name);
      z.end();
      const chunks: Buffer[] = [];
      for await (const c of z.outputStream) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    };
    const notOurs = /not a Retainer Portal export/;
    await expect(openArchive(await zip({ "hello.txt": "hi" }))).rejects.toThrow(notOurs);
    await expect(openArchive(await zip({ "meta.json": JSON.stringify({ format: "someone-else", version: 1 }) }))).rejects.toThrow(notOurs);
    await expect(openArchive(await zip({ "meta.json": "{not json" }))).rejects.toThrow(/meta\.json is not valid JSON/);
    await expect(openArchive(Buffer.from("PK\u0003\u0004 and then nothing"))).rejects.toThrow(/The ZIP can't be read/);
  });
});

/** The archive with one file's text rewritten (everything else as exported). */
async function rewrite(zip: Buffer, path: string, change: (text: string) => string): Promise<Buffer> {
  const { unzipSync, zipSync, strFromU8, strToU8 } = await import("fflate");
  const files = unzipSync(zip);
  expect(files[path], path).toBeDefined();
  files[path] = strToU8(change(strFromU8(files[path])));
  return Buffer.from(zipSync(files));
}
