// The page views (lib/pages) against the real schema, acting as real users through asUser: what each page
// renders, read under the caller's RLS, for a client with a month to close, a month in progress, a roadmap and
// updates; and every view on a client with nothing in it yet (an empty practice's first client).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/lib/auth/session";
import { asUser } from "@/lib/db";
import { getClientAccess } from "@/lib/db/clients";
import { loadViewer } from "@/lib/db/viewer";
import { seesMoney } from "@/lib/domain/access";
import { addMonths, localDate, monthOf } from "@/lib/domain/dates";
import type { ClientPage } from "@/lib/pages/access";
import { viewActivity } from "@/lib/pages/activity";
import { viewBilling } from "@/lib/pages/billing";
import { viewClientSettings } from "@/lib/pages/client-settings";
import { viewEngineerHome } from "@/lib/pages/engineer";
import { viewInvoice } from "@/lib/pages/invoice";
import { viewInvoices } from "@/lib/pages/invoices";
import { viewLedger } from "@/lib/pages/ledger";
import { parse } from "csv-parse/sync";
import type { Claims } from "@/lib/db";
import { openLedgerCsv } from "@/lib/export/ledger";
import { viewOverview } from "@/lib/pages/overview";
import { viewPortalShell } from "@/lib/pages/portal-shell";
import { viewRoadmap } from "@/lib/pages/roadmap";
import { viewStatements } from "@/lib/pages/statements";
import { viewUpdate } from "@/lib/pages/update";
import { viewUpdates } from "@/lib/pages/updates";
import { PACE_RISK } from "@/lib/updates/render";
import { admin, createCast, createClient, createStaff, type TestUser } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
const now = new Date();
const zone = "America/New_York";
const today = localDate(now, zone);
const current = monthOf(today);
const lastMonth = addMonths(current, -1);
const ids = { draft: randomUUID(), published: randomUUID(), cited: randomUUID() };

async function session(user: TestUser): Promise<Session> {
  return { claims: user.claims, viewer: await asUser(user.claims, (tx) => loadViewer(tx, { userId: user.id, email: user.email })) };
}
async function accessAs(user: TestUser, clientId: string): Promise<ClientPage> {
  const { claims, viewer } = await session(user);
  const { client, isStaff, dataVersion } = await asUser(claims, (tx) => getClientAccess(tx, { clientId }).then((row) => row!));
  const memberRole = viewer.memberships.find((m) => m.clientId === clientId)?.role ?? null;
  return { claims, viewer, client, isStaff, memberRole, dataVersion, seesMoney: seesMoney({ staffRole: viewer.staffRole, memberRole, isStaff }) };
}
const notFound404 = { digest: expect.stringContaining("404") };

beforeAll(async () => {
  cast = await createCast();
  const a = cast.clientA;
  const eng = cast.assigned.id;
  // Terms from last month: last month ended and waits for its close; this month is in progress.
  await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour, overage_increment_minutes)
    values (${a}, ${lastMonth}, 600, 300000, 12000, 15)`;
  await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, billable) values
    (${a}, ${eng}, ${lastMonth.slice(0, 8) + "10"}, 700, 'Last month, over by 100', 'build', true),
    (${a}, ${eng}, ${today}, 60, 'Billable hour', 'build', true),
    (${a}, ${eng}, ${today}, 30, 'Billable half hour', 'support', true),
    (${a}, ${eng}, ${today}, 45, 'Not billable', 'meeting', false)`;
  await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, voided_at, void_reason)
    values (${a}, ${eng}, ${today}, 20, 'Voided', 'build', now(), 'duplicate')`;
  await admin`insert into public.roadmap_items (client_id, title, status, position, target_month) values
    (${a}, 'Later', 'planned', 1, ${addMonths(current, 2)}),
    (${a}, 'Soon', 'in_progress', 1, ${current}),
    (${a}, 'Someday', 'planned', 2, null),
    (${a}, 'Dropped idea', 'dropped', 1, null)`;
  await admin`insert into public.roadmap_items (client_id, title, status, position, proposed_by) values (${a}, 'Owner idea', 'proposed', 1, ${cast.ownerA.id})`;
  const facts = {
    totalMinutes: 135, billableMinutes: 90,
    entries: [{ id: ids.cited, date: today, minutes: 60, description: "Billable hour", category: "build", billable: true }],
  };
  const citations = [{ highlight: "Shipped the hour", entryIds: [ids.cited] }];
  await admin`insert into public.weekly_updates (id, client_id, week_start, status, title, body_md, facts, citations, source, published_at)
    values (${ids.published}, ${a}, '2025-03-03', 'published', 'The week', 'Body', ${admin.json(facts)}, ${admin.json(citations)}, 'template', now()),
           (${ids.draft}, ${a}, '2025-03-10', 'draft', 'Draft week', 'Draft body', ${admin.json({})}, ${admin.json([])}, 'template', null)`;
});

describe("the engineer home", () => {
  it("shows the engineer's clients ranked, with the month to close and the proposal waiting", async () => {
    const home = await viewEngineerHome(await session(cast.assigned), now);
    expect(home.clients.map((c) => c.client.id)).toEqual([cast.clientA]);
    const [a] = home.clients;
    expect(a.cm.statement).toMatchObject({ usedMinutes: 90, availableMinutes: 600 });
    expect(a.lastEntry).toBe(today);
    expect(["On track", "Overage risk"]).toContain(a.attention.label);
    expect(home.due).toEqual([{ clientId: cast.clientA, month: lastMonth, clientName: "Client A" }]);
    expect(home.proposals.map((p) => [p.title, p.clientName, p.zone])).toEqual([["Owner idea", "Client A", zone]]);
    expect(home.comments).toEqual([]);
  });

  it("is empty for an engineer with no client yet", async () => {
    const home = await viewEngineerHome(await session(cast.unassigned), now);
    expect(home).toMatchObject({ clients: [], archived: [], due: [], proposals: [], comments: [] });
  });
});

describe("billing", () => {
  it("previews the ended month as the statement its close will invoice", async () => {
    const billing = await viewBilling(await session(cast.assigned), { issued: `${randomUUID()},junk` }, now);
    expect(billing.previews).toHaveLength(1);
    const [p] = billing.previews;
    expect(p.client.id).toBe(cast.clientA);
    expect(p.month).toBe(lastMonth);
    // 700 of 600 minutes: 100 over, billed in 15-minute steps as 105 minutes at $120/h = $210 on a $3,000 fee.
    expect(p.statement).toMatchObject({ usedMinutes: 700, overageMinutes: 100, billedOverageMinutes: 105, overageAmountCents: 21000, totalCents: 321000 });
    expect(billing).toMatchObject({ issued: [], clientCount: null, jobs: null });
  });

  it("tells an engineer with nothing to close how many clients they have", async () => {
    const billing = await viewBilling(await session(cast.unassigned), {}, now);
    expect(billing).toMatchObject({ previews: [], clientCount: 0 });
  });
});

describe("a client's pages", () => {
  it("the ledger totals the month's entries, and the export reads the same entries", async () => {
    const access = await accessAs(cast.ownerA, cast.clientA);
    const ledger = await viewLedger(access, {}, now);
    expect(ledger.totals).toEqual({ billableMinutes: 90, correctionMinutes: 0, nonBillableMinutes: 45, entries: 3, voided: 1 });
    const billable = await viewLedger(access, { billable: "yes" }, now);
    expect(billable.totals).toEqual({ billableMinutes: 90, correctionMinutes: 0, nonBillableMinutes: 0, entries: 2, voided: 1 });
    // The CSV, streamed: the same entries, oldest first, named after the month.
    const csv = async (claims: typeof cast.ownerA.claims, filter: Parameters<typeof openLedgerCsv>[0]["filter"]) => {
      const { stream, filename } = await openLedgerCsv({ claims: claims as Claims, clientId: cast.clientA, filter, now, signal: new AbortController().signal });
      const rows = (parse(await new Response(stream).text(), { bom: true }) as string[][]).slice(1);
      return { filename, rows };
    };
    const exported = await csv(cast.ownerA.claims, { billable: "yes" });
    expect(exported.filename).toMatch(new RegExp(`-hours-${current.slice(0, 7)}\\.csv$`));
    expect(exported.rows.map((r) => r.at(-1))).toEqual(billable.entries.map((e) => e.id).reverse());
    const last = await csv(cast.ownerA.claims, { month: lastMonth });
    expect(last.rows.map((r) => Number(r[4]))).toEqual([700]);
    await expect(csv(cast.ownerB.claims, {})).rejects.toMatchObject({ code: "not_found" });
  });

  it("statements: newest first, each with its phase and when an ended month is invoiced", async () => {
    const months = await viewStatements(await accessAs(cast.ownerA, cast.clientA), now);
    expect(months.map((m) => [m.statement.month, m.phase, m.invoiceOn, m.invoiceId])).toEqual([
      [current, "in_progress", null, null],
      [lastMonth, "awaiting_invoice", today, null],
    ]);
    expect(months[1].statement.totalCents).toBe(321000);
  });

  it("invoices: none yet, the ended month awaiting its invoice; an unknown invoice is a 404", async () => {
    const access = await accessAs(cast.ownerA, cast.clientA);
    const { invoices, awaiting } = await viewInvoices(access, now);
    expect(invoices).toEqual([]);
    expect(awaiting).toEqual([{ month: lastMonth, invoiceOn: today, totalCents: 321000 }]);
    await expect(viewInvoice(access, randomUUID(), new Date("2026-11-26T12:00:00Z"))).rejects.toMatchObject(notFound404);
    await expect(viewInvoice(access, "not-an-id", new Date("2026-11-26T12:00:00Z"))).rejects.toMatchObject(notFound404);
  });

  it("updates: the published ones with their facts read once; drafts for staff only", async () => {
    const member = await viewUpdates(await accessAs(cast.memberA, cast.clientA), {}, now);
    expect(member.published.map((p) => p.update.id)).toEqual([ids.published]);
    const [p] = member.published;
    expect(p.facts).toMatchObject({ totalMinutes: 135, billableMinutes: 90 });
    expect(p.entriesById.get(ids.cited)).toEqual({ id: ids.cited, date: today, minutes: 60, description: "Billable hour" });
    expect(member).toMatchObject({ page: 1, older: false, drafts: [] });
    expect(member.weeks).toHaveLength(4);
    const staff = await viewUpdates(await accessAs(cast.assigned, cast.clientA), { page: "1" }, now);
    expect(staff.drafts.map((d) => d.id)).toEqual([ids.draft]);
  });

  it("updates: one that warns of the pace shows the month's extra hours beside it, to members without a price", async () => {
    const c = await createCast();
    const month = "2031-03-01";
    await admin`insert into public.weekly_updates (client_id, week_start, status, title, body_md, facts, published_at)
      values (${c.clientA}, '2031-03-09', 'published', 'Busy week', ${`Lots done.\n\n### Risks and decisions\n- ${PACE_RISK}`}, ${admin.json({ month: { month } })}, now()),
             (${c.clientA}, '2031-03-02', 'published', 'Calm week', 'Little done.', ${admin.json({ month: { month } })}, now() - interval '7 days')`;
    const [req] = await admin`insert into public.extra_hours_requests (client_id, month, minutes, reason, status, requested_by, quoted_cents)
      values (${c.clientA}, ${month}, 600, 'Launch', 'open', ${c.assigned.id}, 150000) returning id`;
    await admin`insert into public.extra_hours_requests (client_id, month, minutes, reason, status, requested_by) values (${c.clientA}, '2031-04-01', 60, 'Later', 'open', ${c.assigned.id})`;
    const owner = await viewUpdates(await accessAs(c.ownerA, c.clientA), {}, now);
    expect(owner.published.map((p) => [p.update.title, p.pace?.month ?? null, p.pace?.requests.map((r) => r.id) ?? null])).toEqual([
      ["Busy week", month, [req.id]], ["Calm week", null, null],
    ]);
    expect(owner.published[0].pace!.requests[0].quotedCents).toBe(150000);
    const member = await viewUpdates(await accessAs(c.memberA, c.clientA), {}, now);
    expect(member.published[0].pace!.requests[0]).toMatchObject({ id: req.id, quotedCents: null });
  });

  it("an update for editing: empty facts read as nothing; another client's update is a 404", async () => {
    const view = await viewUpdate(await accessAs(cast.assigned, cast.clientA), ids.draft);
    expect(view.update.title).toBe("Draft week");
    expect(view.facts).toEqual({ totalMinutes: 0, billableMinutes: 0, entries: [] });
    expect(view.flags).toEqual([]);
    const b = await createStaff("views-admin", "admin");
    await expect(viewUpdate(await accessAs(b, cast.clientB), ids.draft)).rejects.toMatchObject(notFound404);
  });

  it("the roadmap: cards without the dropped item, the timeline by target month, the dropped apart", async () => {
    const rm = await viewRoadmap(await accessAs(cast.ownerA, cast.clientA), { view: "timeline" }, now);
    expect(rm.view).toBe("timeline");
    expect(rm.itemCount).toBe(5);
    expect(rm.board.map((i) => i.title).sort()).toEqual(["Later", "Owner idea", "Someday", "Soon"]);
    expect(rm.timeline.map(([m, items]) => [m, items.map((i) => i.title)])).toEqual([
      [current, ["Soon"]], [addMonths(current, 2), ["Later"]], ["", ["Owner idea", "Someday"]],
    ]);
    expect(rm.dropped.map((i) => i.title)).toEqual(["Dropped idea"]);
    expect((await viewRoadmap(await accessAs(cast.ownerA, cast.clientA), { view: "nonsense" }, now)).view).toBe("board");
  });

  it("activity filters by kind, and an unknown kind shows everything", async () => {
    const access = await accessAs(cast.assigned, cast.clientA);
    const all = await viewActivity(access, { kind: "bogus" });
    expect(all.kind).toBe("");
    const roadmap = await viewActivity(access, { kind: "roadmap" });
    expect(roadmap.kind).toBe("roadmap");
    expect(roadmap.events.every((e) => e.action.startsWith("roadmap."))).toBe(true);
    expect(all.events.length).toBeGreaterThanOrEqual(roadmap.events.length);
  });
});

describe("a client with nothing in it yet", () => {
  it("loads every view", async () => {
    const adminUser = await createStaff("views-empty-admin", "admin");
    const clientId = await createClient({ name: "Empty client" });
    const access = await accessAs(adminUser, clientId);
    const shell = await viewPortalShell(await session(adminUser), now);
    expect(shell.logClients.find((c) => c.id === clientId)).toEqual({ id: clientId, name: "Empty client", today, items: [] });
    expect((await viewOverview(access, now)).entries).toEqual([]);
    expect((await viewLedger(access, {}, now)).totals).toEqual({ billableMinutes: 0, correctionMinutes: 0, nonBillableMinutes: 0, entries: 0, voided: 0 });
    expect(await viewStatements(access, now)).toEqual([]);
    expect(await viewInvoices(access, now)).toEqual({ invoices: [], awaiting: [], manageBilling: false });
    expect((await viewUpdates(access, {}, now)).published).toEqual([]);
    expect((await viewRoadmap(access, {}, now)).itemCount).toBe(0);
    expect((await viewClientSettings(access, now)).terms).toEqual([]);
    expect((await viewActivity(access, {})).kind).toBe("");
  });
});
