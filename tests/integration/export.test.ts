// Issue 22, "you own everything": the export archive through the real schema, as each reader. An owner's ZIP
// holds every dataset of their client as CSV and JSON (the rows their pages show, the formulas guarded), with
// client.json and meta.json counting each file's rows; nothing of another client is in it; a reader who cannot
// see the client gets nothing; an admin's practice export holds every client and the practice's record; the
// transaction it reads in is read-only; a cancelled download stops the archive and ends its transaction.
import { randomUUID } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import type { Claims } from "@/lib/db";
import { openExport } from "@/lib/export/stream";
import { admin, createCast, type TestUser } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
const names = { a: "", b: "" };

async function exportAs(user: TestUser, clientId: string | null) {
  const opened = await openExport({ claims: user.claims as Claims, clientId, exportedBy: user.email, now: new Date("2030-05-01T12:00:00Z"), signal: new AbortController().signal });
  if (!opened) return null;
  const bytes = new Uint8Array(await new Response(opened.stream).arrayBuffer());
  const files = unzipSync(bytes);
  const text = (path: string) => strFromU8(files[path]);
  return { files, text, names: Object.keys(files).sort() };
}

beforeAll(async () => {
  cast = await createCast();
  const a = cast.clientA;
  [{ name: names.a }] = await admin`select name from public.clients where id = ${a}`;
  [{ name: names.b }] = await admin`select name from public.clients where id = ${cast.clientB}`;
  await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour, overage_increment_minutes)
    values (${a}, '2030-01-01', 600, 250000, 15000, 15)`;
  const [e1] = await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
    values (${a}, ${cast.assigned.id}, '2030-01-10', 90, '=HYPERLINK("http://evil.test")', 'build') returning id`;
  await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, voided_at, voided_by, void_reason)
    values (${a}, ${cast.assigned.id}, '2030-01-11', 30, 'Twice', 'meeting', now(), ${cast.assigned.id}, 'Logged twice')`;
  await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, adjusts_entry_id)
    values (${a}, ${cast.assigned.id}, '2030-02-03', -15, 'Correction, "quoted"', 'build', ${e1.id})`;
  await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
    values (${cast.clientB}, ${cast.admin.id}, '2030-01-12', 45, 'Secret work of B', 'build')`;
  const [item] = await admin`insert into public.roadmap_items (client_id, title, description, status) values (${a}, 'Order intake', 'Line one\nline two', 'planned') returning id`;
  await admin`insert into public.roadmap_comments (client_id, item_id, author_id, body) values (${a}, ${item.id}, ${cast.ownerA.id}, 'Looks good')`;
  await admin`insert into public.weekly_updates (client_id, week_start, status, title, body_md, published_at) values (${a}, '2030-01-06', 'published', 'Week one', '**Shipped**', now())`;
  await admin`insert into public.weekly_updates (client_id, week_start, status, title, body_md) values (${a}, '2030-01-13', 'draft', 'Draft only', 'not yet')`;
  const [inv] = await admin`insert into public.invoices (client_id, month, number, status, currency, total_cents, issued_at, pushed_at)
    values (${a}, '2030-01-01', ${`INV-X${randomUUID().slice(0, 6)}`}, 'open', 'USD', 250000, now(), now()) returning id`;
  await admin`insert into public.invoice_lines (invoice_id, client_id, position, kind, description, amount_cents) values (${inv.id}, ${a}, 0, 'retainer_fee', 'Retainer', 250000)`;
  await admin`insert into public.audit_events (client_id, actor_id, action, entity) values (${a}, ${cast.assigned.id}, 'entry.created', 'time_entry')`;
  await admin`insert into public.ai_requests (client_id, requested_by, purpose, endpoint, model, prompt_version, attempt, http_attempts, request, response, outcome)
    values (${a}, ${cast.assigned.id}, 'Draft of a weekly update', 'https://api.anthropic.com/v1/messages', 'claude-test', 'weekly-update/1', 1, 1,
            ${admin.json({ system: "You write updates", messages: [{ role: "user", content: "facts of [email 1]" }] })}, '{"title":"Week"}', 'accepted')`;
});

describe("a client's export", () => {
  it("holds every dataset as CSV and JSON, with the client's record and a meta.json that counts the rows", async () => {
    const zip = (await exportAs(cast.ownerA, cast.clientA))!;
    const [{ slug }] = await admin`select slug from public.clients where id = ${cast.clientA}`;
    const datasets = ["ai_requests", "audit", "entries", "entry_questions", "extra_hours", "handbook_files", "handbook_pages", "handbook_versions", "invoice_lines", "invoices", "month_confirmations", "roadmap_comments", "roadmap_items", "statements", "updates"];
    expect(zip.names).toEqual([
      ...datasets.flatMap((d) => [`${slug}/${d}.csv`, `${slug}/${d}.json`]), `${slug}/README.txt`, `${slug}/client.json`, `${slug}/meta.json`,
    ].sort());
    const meta = JSON.parse(zip.text(`${slug}/meta.json`));
    expect(meta).toMatchObject({ format: "retainer-portal-export", version: 1, scope: "client", exported_at: "2030-05-01T12:00:00.000Z" });
    expect(meta.rows[`${slug}/entries.csv`]).toBe(3);
    expect(meta.rows[`${slug}/updates.csv`]).toBe(1); // owners see published updates only, as on their page
    expect(meta.rows[`${slug}/ai_requests.csv`]).toBe(1); // what AI saw: the exact prompt and answer
    expect(JSON.parse(zip.text(`${slug}/ai_requests.json`))[0]).toMatchObject({ outcome: "accepted", response: '{"title":"Week"}', request: { system: "You write updates" } });

    // The CSV: a BOM, a header, CRLF lines, the formula guarded, quotes doubled; voided and corrections marked.
    const csv = zip.text(`${slug}/entries.csv`);
    expect([...zip.files[`${slug}/entries.csv`].subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM (the decoder drops it)
    expect(csv.slice(0, 38)).toBe('"entry_id","date","minutes","hours","b');
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.test"")"`);
    expect(csv).toContain('"Correction, ""quoted"""');
    const entries = JSON.parse(zip.text(`${slug}/entries.json`));
    expect(entries.map((e: { status: string; minutes: number }) => [e.status, e.minutes])).toEqual([["logged", 90], ["voided", 30], ["correction", -15]]);
    expect(entries[0].description).toBe('=HYPERLINK("http://evil.test")'); // JSON keeps the text as written

    const client = JSON.parse(zip.text(`${slug}/client.json`));
    expect(client).toMatchObject({ name: names.a, retainer_terms: [{ effective_month: "2030-01", included_minutes: 600, monthly_fee_cents: 250000 }] });
    expect(JSON.parse(zip.text(`${slug}/invoice_lines.json`))).toEqual([expect.objectContaining({ kind: "retainer_fee", amount_cents: 250000 })]);
    expect(JSON.parse(zip.text(`${slug}/roadmap_comments.json`))[0]).toMatchObject({ body: "Looks good", item_title: "Order intake" });
    expect(JSON.parse(zip.text(`${slug}/statements.json`))).toEqual([]);
    expect(zip.text(`${slug}/statements.csv`)).toBe('"month","closed_at","statement"\r\n');
  });

  it("holds nothing of another client, and nothing for someone who cannot see the client", async () => {
    const zip = (await exportAs(cast.ownerA, cast.clientA))!;
    const all = zip.names.map((n) => zip.text(n)).join("\n");
    expect(all).not.toContain("Secret work of B");
    expect(all).not.toContain(names.b);
    expect(await exportAs(cast.ownerB, cast.clientA)).toBeNull();
    expect(await exportAs(cast.unassigned, cast.clientA)).toBeNull();
    // The engineer sees drafts on their pages, so their export has them.
    const engineer = (await exportAs(cast.assigned, cast.clientA))!;
    const updates = JSON.parse(engineer.text(engineer.names.find((n) => n.endsWith("/updates.json"))!));
    expect(updates.map((u: { title: string }) => u.title)).toEqual(["Week one", "Draft only"]);
  });
});

describe("the practice's export", () => {
  it("holds every client the admin sees, in a folder each, and the practice's record", async () => {
    const zip = (await exportAs(cast.admin, null))!;
    const slugs = (await admin<{ slug: string }[]>`select slug from public.clients where id in (${cast.clientA}, ${cast.clientB})`).map((r) => r.slug);
    for (const slug of slugs) expect(zip.names).toContain(`clients/${slug}/entries.csv`);
    expect(zip.names).toContain("practice.json");
    expect(JSON.parse(zip.text("practice.json")).staff).toEqual(expect.arrayContaining([expect.objectContaining({ email: cast.admin.email, role: "admin" })]));
    const meta = JSON.parse(zip.text("meta.json"));
    expect(meta.scope).toBe("practice");
    expect(meta.clients.length).toBeGreaterThanOrEqual(2);
  });
});

describe("the download", () => {
  it("stops the archive and ends its transaction when cancelled", async () => {
    const abort = new AbortController();
    const opened = (await openExport({ claims: cast.admin.claims as Claims, clientId: null, exportedBy: "x", now: new Date(), signal: abort.signal }))!;
    const reader = opened.stream.getReader();
    await reader.read();
    abort.abort();
    await expect((async () => { for (;;) if ((await reader.read()).done) return; })()).rejects.toThrow();
    // No transaction of the export is left open (the pool would hold it otherwise).
    await expect.poll(async () => (await admin`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%' and query like '%/* export */%'`)[0].n).toBe(0);
  });
});
