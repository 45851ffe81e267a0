// Extra hours approved in advance (issue 23), through the real commands as real people under RLS: the engineer
// asks and the owners get an email; members, other clients' people and staff cannot approve, nobody approves
// their own; an approval raises the month's ceiling (no warning inside it) and a quoted block is billed at its
// price; declined and withdrawn requests change nothing; an open request lapses when its month closes; bad input
// is refused on its field with nothing written; members read requests without their price.
import { beforeAll, describe, expect, it } from "vitest";
import { closeMonthTx } from "@/lib/billing/close";
import { execute } from "@/lib/commands/execute";
import { asService, asUser, type Claims } from "@/lib/db";
import { listExtraHours } from "@/lib/db/extra-hours";
import { addMonths, localDate, monthOf } from "@/lib/domain/dates";
import { decideExtraHours, requestExtraHours, withdrawExtraHours } from "@/lib/extra-hours/commands";
import { clientMonth } from "@/lib/hours/month";
import { overageWarning } from "@/lib/hours/overage";
import { clockNow } from "@/lib/platform/clock";
import { admin, createCast, type TestUser } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
let thisMonth: string;
let lastMonth: string;
const now = clockNow();

const claims = (u: TestUser) => u.claims as Claims;
const ask = (clientId: string, over: Record<string, string> = {}) => ({
  clientId, month: thisMonth.slice(0, 7), hours: "5", reason: "Carrier API cut-over", pricing: "rate", roadmapItemId: "", ...over,
});
const requests = async (clientId: string) => (await admin`select count(*)::int as n from public.extra_hours_requests where client_id = ${clientId}`)[0].n;
const statusOf = async (id: string) => (await admin`select status from public.extra_hours_requests where id = ${id}`)[0].status;
const errorOf = (o: { ok: boolean; error?: { code: string; userMessage: string; fieldErrors: Record<string, string[]> } }) =>
  (o.ok ? null : o.error!);

beforeAll(async () => {
  cast = await createCast();
  thisMonth = monthOf(localDate(now, "UTC"));
  lastMonth = addMonths(thisMonth, -1);
  await admin`update public.clients set timezone = 'UTC' where id = ${cast.clientA}`;
  await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour, overage_increment_minutes, overage_preapproved_minutes)
    values (${cast.clientA}, ${addMonths(thisMonth, -6)}, 600, 400000, 15000, 15, 60)`;
});

describe("asking for extra hours", () => {
  it("the engineer asks; the owners get an email; it waits for them", async () => {
    const outcome = await execute(requestExtraHours, claims(cast.assigned), ask(cast.clientA));
    expect(outcome.ok).toBe(true);
    const id = outcome.ok ? outcome.data.id : "";
    expect(await statusOf(id)).toBe("open");
    const [mail] = await admin`select to_email, subject from public.outbox where kind = 'extra_hours.requested' and to_email = ${cast.ownerA.email}`;
    expect(mail.subject).toMatch(/approve 5h of extra hours in/);
    const [event] = await admin`select action, actor_id from public.audit_events where entity_id = ${id}`;
    expect(event).toEqual({ action: "extra_hours.requested", actor_id: cast.assigned.id });
  });

  it("is refused to members, other clients' owners and unassigned engineers, with nothing written", async () => {
    const before = await requests(cast.clientA);
    for (const who of [cast.memberA, cast.ownerB, cast.unassigned]) {
      const e = errorOf(await execute(requestExtraHours, claims(who), ask(cast.clientA)));
      expect(e?.code, who.email).toMatch(/not_found|forbidden/);
    }
    expect(await requests(cast.clientA)).toBe(before);
  });

  it("refuses bad input on its field: hours, a quoted price, a closed or too distant month, another client's item", async () => {
    const before = await requests(cast.clientA);
    const [item] = await admin`insert into public.roadmap_items (client_id, title) values (${cast.clientB}, 'B only') returning id`;
    await admin`insert into public.billing_periods (client_id, month, status, closed_at, statement) values (${cast.clientA}, ${addMonths(thisMonth, -3)}, 'closed', now(), '{}')`;
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ hours: "lots" }, "hours", /quarter hours/],
      [{ hours: "0.1" }, "hours", /quarter hours/],
      [{ pricing: "quoted", quoted: "" }, "quoted", /quoted price as an amount/],
      [{ month: addMonths(thisMonth, -3).slice(0, 7) }, "month", /is closed: choose an open month/],
      [{ month: addMonths(thisMonth, 13).slice(0, 7) }, "month", /within the next year/],
      [{ month: addMonths(thisMonth, -12).slice(0, 7) }, "month", /The retainer starts in/],
      [{ poNumber: "PO-1" }, "poNumber", /The owner gives the PO number/],
    ];
    for (const [over, field, message] of cases) {
      const e = errorOf(await execute(requestExtraHours, claims(cast.assigned), ask(cast.clientA, over)));
      expect(e?.fieldErrors[field]?.[0], JSON.stringify(over)).toMatch(message);
    }
    // Another client's item is not found, as every id of another tenant (the command seam's ownership check).
    expect(errorOf(await execute(requestExtraHours, claims(cast.assigned), ask(cast.clientA, { roadmapItemId: item.id })))?.userMessage).toBe("That roadmap item could not be found.");
    expect(await requests(cast.clientA)).toBe(before);
  });
});

describe("deciding", () => {
  it("owners approve (with a PO number); nobody else can; the month's ceiling rises and logging inside it asks nothing", async () => {
    const asked = await execute(requestExtraHours, claims(cast.assigned), ask(cast.clientA, { hours: "5" }));
    const id = asked.ok ? asked.data.id : "";
    expect(errorOf(await execute(decideExtraHours, claims(cast.memberA), { clientId: cast.clientA, requestId: id, decision: "approve" }))?.userMessage)
      .toBe("Only the client's owners approve extra hours.");
    for (const who of [cast.assigned, cast.admin]) {
      expect(errorOf(await execute(decideExtraHours, claims(who), { clientId: cast.clientA, requestId: id, decision: "approve" }))?.code, who.email).toBe("not_found");
    }
    expect(errorOf(await execute(decideExtraHours, claims(cast.ownerB), { clientId: cast.clientA, requestId: id, decision: "approve" }))?.code).toBe("not_found");
    expect(await statusOf(id)).toBe("open");

    // Before: 10h included + 1h pre-approved. A 16h entry goes past it.
    const entry = { workDate: `${thisMonth.slice(0, 8)}02`, minutes: 16 * 60, description: "x", category: "build" as const, billable: true, roadmapItemId: null };
    const warned = await asUser(claims(cast.assigned), (tx) => overageWarning(tx, cast.clientA, entry));
    expect(warned?.unapprovedMinutes).toBeGreaterThan(0);

    const approved = await execute(decideExtraHours, claims(cast.ownerA), { clientId: cast.clientA, requestId: id, decision: "approve", poNumber: "PO-2291" });
    expect(approved.ok && approved.data).toBe("approved");
    const [row] = await admin`select status, decided_by, po_number from public.extra_hours_requests where id = ${id}`;
    expect(row).toEqual({ status: "approved", decided_by: cast.ownerA.id, po_number: "PO-2291" });
    const [mail] = await admin`select subject from public.outbox where kind = 'extra_hours.approved' and to_email = ${cast.assigned.email}`;
    expect(mail.subject).toMatch(/approved 5h of extra hours/);

    // After: the ceiling is 16h; an entry up to it asks nothing (the earlier open request is not approved).
    expect(await asUser(claims(cast.assigned), (tx) => overageWarning(tx, cast.clientA, entry))).toBeNull();
    const past = await asUser(claims(cast.assigned), (tx) => overageWarning(tx, cast.clientA, { ...entry, minutes: 16 * 60 + 15 }));
    expect(past).toMatchObject({ unapprovedMinutes: 15, preapprovedMinutes: 6 * 60 });

    // Decided once: a second decision is refused.
    const again = errorOf(await execute(decideExtraHours, claims(cast.ownerA), { clientId: cast.clientA, requestId: id, decision: "decline" }));
    expect(again?.userMessage).toBe("That request was approved already.");
  });

  it("an owner's own request is their approval; a quoted block is billed at its price for the part used", async () => {
    const own = await execute(requestExtraHours, claims(cast.ownerA), ask(cast.clientA, { hours: "2", pricing: "quoted", quoted: "1000", poNumber: "PO-9" }));
    expect(own.ok && own.data.approved).toBe(true);
    await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
      values (${cast.clientA}, ${cast.assigned.id}, ${`${thisMonth.slice(0, 8)}03`}, ${11 * 60}, 'Cut-over', 'build')`;
    const cm = await asUser(claims(cast.ownerA), (tx) => clientMonth(tx, { id: cast.clientA, name: "A", timezone: "UTC", currency: "USD" }, now));
    // 11h logged against 10h included: 1h over, covered by the quoted 2h block: half of 1000.00.
    expect(cm.statement!.lines.filter((l) => l.kind === "overage")).toEqual([
      { kind: "overage", description: "Extra hours approved in advance, at the quoted price, for the part used", quantityMinutes: 60, unitAmountCents: null, amountCents: 50000 },
    ]);
    expect(cm.statement!.approvedExtraMinutes).toBe(7 * 60);
  });

  it("a declined or withdrawn request changes nothing; owners withdraw only their own", async () => {
    const a = await execute(requestExtraHours, claims(cast.assigned), ask(cast.clientA, { hours: "3" }));
    const b = await execute(requestExtraHours, claims(cast.assigned), ask(cast.clientA, { hours: "4" }));
    const [idA, idB] = [a.ok ? a.data.id : "", b.ok ? b.data.id : ""];
    const ceiling = async () => (await asUser(claims(cast.ownerA), (tx) => clientMonth(tx, { id: cast.clientA, name: "A", timezone: "UTC", currency: "USD" }, now))).statement!.approvedExtraMinutes;
    const before = await ceiling();
    expect((await execute(decideExtraHours, claims(cast.ownerA), { clientId: cast.clientA, requestId: idA, decision: "decline", note: "Next month" })).ok).toBe(true);
    expect(errorOf(await execute(withdrawExtraHours, claims(cast.ownerA), { clientId: cast.clientA, requestId: idB }))?.userMessage)
      .toBe("Only whoever asked, or the engineer, can withdraw it: decline it instead.");
    expect((await execute(withdrawExtraHours, claims(cast.assigned), { clientId: cast.clientA, requestId: idB })).ok).toBe(true);
    expect([await statusOf(idA), await statusOf(idB)]).toEqual(["declined", "withdrawn"]);
    expect(await ceiling()).toBe(before);
  });

  it("an open request lapses when its month closes", async () => {
    const asked = await execute(requestExtraHours, claims(cast.assigned), ask(cast.clientA, { month: lastMonth.slice(0, 7) }));
    const id = asked.ok ? asked.data.id : "";
    expect((await asService((tx) => closeMonthTx(tx, cast.clientA, lastMonth, { actorId: null, now, invoicing: "local" }))).outcome).toBe("closed");
    expect(await statusOf(id)).toBe("lapsed");
    const e = errorOf(await execute(decideExtraHours, claims(cast.ownerA), { clientId: cast.clientA, requestId: id, decision: "approve" }));
    expect(e?.userMessage).toBe("That request was lapsed already.");
  });

  it("members read the requests without their price; staff and owners with it", async () => {
    const read = (u: TestUser) => asUser(claims(u), (tx) => listExtraHours(tx, { clientId: cast.clientA }));
    const quoted = (rows: Awaited<ReturnType<typeof read>>) => rows.filter((r) => r.quotedCents !== null).length;
    expect((await read(cast.memberA)).length).toBeGreaterThan(0);
    expect(quoted(await read(cast.memberA))).toBe(0);
    expect(quoted(await read(cast.ownerA))).toBe(1);
    expect(quoted(await read(cast.assigned))).toBe(1);
    expect(await read(cast.ownerB)).toEqual([]);
  });
});
