// The hours ledger against the real schema: the closed-month lock, pre-approval, audit, alerts, terms.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { asService, asUser } from "@/lib/db";
import { getClient } from "@/lib/db/clients";
import { getEntry, insertEntry, listEntries, updateEntry } from "@/lib/db/entries";
import { voidEntry } from "@/lib/hours/corrections";
import { setTerms } from "@/lib/clients/terms";
import { listTerms } from "@/lib/db/terms";
import { monthlyUsage } from "@/lib/db/usage";
import { type EntryInput } from "@/lib/types/hours";
import { addDays, localDate } from "@/lib/domain/dates";
import { computeStatements, type LedgerEntry } from "@/lib/domain/retainer";
import { AppError } from "@/lib/platform/errors";
import { clientMonth } from "@/lib/hours/month";
import { logEntry } from "@/lib/hours/log";
import { admin, createCast, createStaff } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
const now = new Date();
let today: string;

const entry = (over: Partial<EntryInput> = {}): EntryInput => ({
  workDate: today, minutes: 60, description: "Work", category: "build", billable: true, roadmapItemId: null, ...over,
});
/** The client as the hours commands pass it (only its id matters to a void). */
const clientRef = (id: string) => ({ id, name: "Client", timezone: "America/New_York", currency: "USD" });
const code = (e: unknown) => (e instanceof AppError ? e.code : (e as { code?: string }).code);

beforeAll(async () => {
  cast = await createCast();
  today = localDate(now, "America/New_York");
  await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents,
      overage_rate_cents_per_hour, overage_increment_minutes, overage_preapproved_minutes)
    values (${cast.clientA}, '2025-01-01', 600, 300000, 12000, 15, 60)`;
  await admin`insert into public.time_entries (id, client_id, engineer_id, work_date, minutes, description, category)
    values (${"7f7f7f7f-1111-4111-8111-111111111111"}, ${cast.clientA}, ${cast.assigned.id}, '2025-06-10', 120, 'Closed-month work', 'build')`;
  await admin`insert into public.billing_periods (client_id, month, status, closed_at) values (${cast.clientA}, '2025-06-01', 'closed', now())`;
});

describe("closed months are locked by the database", () => {
  const closedEntry = "7f7f7f7f-1111-4111-8111-111111111111";

  it("refuses to change, void or add entries of a closed month, for staff and the service role alike", async () => {
    await expect(asUser(cast.assigned.claims, (tx) => tx`update public.time_entries set minutes = 10 where id = ${closedEntry}`).catch(code)).resolves.toBe("RP001");
    await expect(asUser(cast.admin.claims, (tx) => voidEntry(tx, cast.admin.id, clientRef(cast.clientA), closedEntry, "oops")).catch(code)).resolves.toBe("RP001");
    await expect(asService((tx) => tx`update public.time_entries set description = 'x' where id = ${closedEntry}`).catch(code)).resolves.toBe("RP001");
    await expect(asUser(cast.assigned.claims, (tx) => insertEntry(tx, { actorId: cast.assigned.id, clientId: cast.clientA, input: entry({ workDate: "2025-06-15" }) })).catch(code)).resolves.toBe("RP001");
    const [row] = await admin`select minutes, description, voided_at from public.time_entries where id = ${closedEntry}`;
    expect(row).toEqual({ minutes: 120, description: "Closed-month work", voided_at: null });
  });

  it("refuses to move an open month's entry into a closed month", async () => {
    const id = await asUser(cast.assigned.claims, (tx) => insertEntry(tx, { actorId: cast.assigned.id, clientId: cast.clientA, input: entry({ workDate: "2025-07-02" }) }));
    await expect(asUser(cast.assigned.claims, async (tx) => updateEntry(tx, { actorId: cast.assigned.id, clientId: cast.clientA, before: (await getEntry(tx, { clientId: cast.clientA, entryId: id }))!, input: entry({ workDate: "2025-06-30" }) })).catch(code)).resolves.toBe("RP001");
  });

  it("keeps a closed month closed", async () => {
    await expect(admin`update public.billing_periods set status = 'open', closed_at = null where client_id = ${cast.clientA} and month = '2025-06-01'`.catch(code)).resolves.toBe("RP002");
  });

  it("accepts a correction in an open month that points at the closed entry, negative minutes included", async () => {
    const id = await asUser(cast.assigned.claims, (tx) =>
      insertEntry(tx, { actorId: cast.assigned.id, clientId: cast.clientA, input: entry({ workDate: "2025-07-03", minutes: -30, description: "Correction" }), adjustsEntryId: closedEntry }));
    const [row] = await admin`select minutes, adjusts_entry_id from public.time_entries where id = ${id}`;
    expect(row).toEqual({ minutes: -30, adjusts_entry_id: closedEntry });
    await expect(admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
      values (${cast.clientA}, ${cast.assigned.id}, '2025-07-03', -30, 'not a correction', 'build')`.catch(code)).resolves.toBe("23514");
  });
});

describe("logging time", () => {
  it("asks before going past available + pre-approved, saving nothing until confirmed", async () => {
    const clientId = cast.clientA;
    const client = await asUser(cast.assigned.claims, (tx) => getClient(tx, { clientId }).then((row) => row!));
    const before = await admin`select count(*)::int as n from public.time_entries where client_id = ${clientId}`;
    // 600 included + 60 pre-approved: 700 minutes is 40 past the limit.
    const first = await asUser(cast.assigned.claims, (tx) => logEntry(tx, cast.assigned.id, client, entry({ minutes: 700 }), { confirmed: false, now }));
    expect(first).toEqual({
      status: "needs_confirmation",
      warning: { unapprovedMinutes: 40, overageMinutes: 100, billedOverageMinutes: 105, overageAmountCents: 21_000, preapprovedMinutes: 60 },
    });
    expect(await admin`select count(*)::int as n from public.time_entries where client_id = ${clientId}`).toEqual(before);
    const saved = await asUser(cast.assigned.claims, (tx) => logEntry(tx, cast.assigned.id, client, entry({ minutes: 700 }), { confirmed: true, now }));
    expect(saved.status).toBe("saved");
    const [audit] = await admin`select action, actor_id, data from public.audit_events where entity_id = ${(saved as { entryId: string }).entryId}`;
    expect(audit).toMatchObject({ action: "entry.created", actor_id: cast.assigned.id, data: { after: { minutes: 700, workDate: today } } });
  });

  it("emails owners and the assigned engineer once per alert kind and month", async () => {
    const mails = await admin<{ to_email: string; kind: string }[]>`
      select to_email, kind from public.outbox where client_id = ${cast.clientA} and kind like 'alert.%' order by kind, to_email`;
    const kinds = new Set(mails.map((m) => m.kind));
    expect(kinds).toEqual(new Set(["alert.used_80", "alert.used_100", "alert.forecast_over"]));
    for (const k of kinds) {
      expect(mails.filter((m) => m.kind === k).map((m) => m.to_email).sort()).toEqual([cast.assigned.email, cast.ownerA.email].sort());
    }
    const client = await asUser(cast.assigned.claims, (tx) => getClient(tx, { clientId: cast.clientA }).then((row) => row!));
    await asUser(cast.assigned.claims, (tx) => logEntry(tx, cast.assigned.id, client, entry({ minutes: 15 }), { confirmed: true, now }));
    const again = await admin`select count(*)::int as n from public.outbox where client_id = ${cast.clientA} and kind like 'alert.%'`;
    expect(again[0].n).toBe(mails.length);
  });

  it("refuses owners and members: only staff log time", async () => {
    const client = await asUser(cast.ownerA.claims, (tx) => getClient(tx, { clientId: cast.clientA }).then((row) => row!));
    await expect(asUser(cast.ownerA.claims, (tx) => logEntry(tx, cast.ownerA.id, client, entry(), { confirmed: true, now })).catch(code)).resolves.toBe("42501");
  });

  it("records edits and voids with before and after values", async () => {
    const id = await asUser(cast.assigned.claims, (tx) => insertEntry(tx, { actorId: cast.assigned.id, clientId: cast.clientA, input: entry({ minutes: 45, description: "Draft" }) }));
    await asUser(cast.assigned.claims, async (tx) => updateEntry(tx, { actorId: cast.assigned.id, clientId: cast.clientA, before: (await getEntry(tx, { clientId: cast.clientA, entryId: id }))!, input: entry({ minutes: 50, description: "Final" }) }));
    await asUser(cast.assigned.claims, (tx) => voidEntry(tx, cast.assigned.id, clientRef(cast.clientA), id, "Logged twice"));
    const events = await admin`select action, data from public.audit_events where entity_id = ${id} order by id`;
    expect(events.map((e) => e.action)).toEqual(["entry.created", "entry.edited", "entry.voided"]);
    expect(events[1].data).toMatchObject({ before: { minutes: 45, description: "Draft" }, after: { minutes: 50, description: "Final" } });
    expect(events[2].data).toMatchObject({ reason: "Logged twice" });
    await expect(asUser(cast.assigned.claims, (tx) => voidEntry(tx, cast.assigned.id, clientRef(cast.clientA), id, "again")).catch(code)).resolves.toBe("conflict");
    await expect(asUser(cast.unassigned.claims, (tx) => voidEntry(tx, cast.unassigned.id, clientRef(cast.clientA), id, "x")).catch(code)).resolves.toBe("not_found");
  });
});

describe("the monthly sums the statements run on", () => {
  it("give the same statements as the raw entries", async () => {
    const clientId = (await admin`insert into public.clients (name, slug, timezone, currency) values ('Sums', ${`sums-${randomUUID().slice(0, 8)}`}, 'UTC', 'EUR') returning id`)[0].id as string;
    const terms = { effectiveMonth: "2026-01-01", includedMinutes: 900, monthlyFeeCents: 250000, overageRateCentsPerHour: 9000, overageIncrementMinutes: 30, rolloverCapMinutes: 300, rolloverExpiryMonths: 2, overagePreapprovedMinutes: 0 };
    await asUser(cast.admin.claims, (tx) => setTerms(tx, cast.admin.id, clientId, terms));
    const raw: LedgerEntry[] = [];
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const rows = [];
    for (let i = 0; i < 300; i++) {
      const e = { workDate: addDays("2026-01-01", Math.floor(rand() * 330)), minutes: 15 + Math.floor(rand() * 200), billable: rand() > 0.2, voided: rand() > 0.9 };
      raw.push(e);
      rows.push({ client_id: clientId, engineer_id: cast.admin.id, work_date: e.workDate, minutes: e.minutes, description: "w", category: "build", billable: e.billable, voided_at: e.voided ? new Date() : null, void_reason: e.voided ? "x" : null });
    }
    await admin`insert into public.time_entries ${admin(rows)}`;
    const sums = await asUser(cast.admin.claims, (tx) => monthlyUsage(tx, { clientId, through: "2026-12-01" }));
    expect(computeStatements([terms], sums, "2026-12-01")).toEqual(computeStatements([terms], raw, "2026-12-01"));
  });

  it("keep earlier months on their terms when the terms change", async () => {
    const clientId = cast.clientB;
    const t = { effectiveMonth: "2026-01-01", includedMinutes: 600, monthlyFeeCents: 100000, overageRateCentsPerHour: 10000, overageIncrementMinutes: 15, rolloverCapMinutes: 0, rolloverExpiryMonths: 0, overagePreapprovedMinutes: 0 };
    await asUser(cast.admin.claims, (tx) => setTerms(tx, cast.admin.id, clientId, t));
    await asUser(cast.admin.claims, (tx) => setTerms(tx, cast.admin.id, clientId, { ...t, effectiveMonth: "2026-04-01", includedMinutes: 1200 }));
    const terms = await asUser(cast.admin.claims, (tx) => listTerms(tx, { clientId }));
    expect(terms.map((x) => [x.effectiveMonth, x.includedMinutes])).toEqual([["2026-01-01", 600], ["2026-04-01", 1200]]);
    await admin`insert into public.billing_periods (client_id, month, status, closed_at) values (${clientId}, '2026-05-01', 'closed', now())`;
    await expect(asUser(cast.admin.claims, (tx) => setTerms(tx, cast.admin.id, clientId, { ...t, effectiveMonth: "2026-03-01" })).catch(code)).resolves.toBe("month_closed");
    const cm = await asUser(cast.ownerB.claims, async (tx) => clientMonth(tx, await getClient(tx, { clientId }).then((row) => row!), now, "2026-06-01"));
    expect(cm.history.map((s) => s.includedMinutes)).toEqual([600, 600, 600, 1200, 1200, 1200]);
  });
});

describe("rollover terms", () => {
  it("a rollover cap needs an expiry of at least a month, whoever writes the terms (issue 28, bug 5)", async () => {
    const clientId = (await admin`insert into public.clients (name, slug, timezone, currency) values ('Cap', ${`cap-${randomUUID().slice(0, 8)}`}, 'UTC', 'USD') returning id`)[0].id as string;
    const t = { effectiveMonth: "2026-01-01", includedMinutes: 600, monthlyFeeCents: 100000, overageRateCentsPerHour: 10000, overageIncrementMinutes: 15, rolloverCapMinutes: 120, rolloverExpiryMonths: 0, overagePreapprovedMinutes: 0 };
    await expect(asUser(cast.admin.claims, (tx) => setTerms(tx, cast.admin.id, clientId, t))).rejects.toMatchObject({ code: "23514" });
    await expect(admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour, rollover_cap_minutes, rollover_expiry_months)
      values (${clientId}, '2026-02-01', 600, 100000, 10000, 60, 0)`).rejects.toMatchObject({ code: "23514", constraint_name: "retainer_terms_rollover_needs_an_expiry" });
    await asUser(cast.admin.claims, (tx) => setTerms(tx, cast.admin.id, clientId, { ...t, rolloverExpiryMonths: 1 }));
    expect((await admin`select count(*)::int as n from public.retainer_terms where client_id = ${clientId}`)[0].n).toBe(1);
  });
});

describe("entries of someone who left the practice", () => {
  it("stay on the client's ledger under their name for owners and members", async () => {
    const { clientA, ownerA, memberA } = cast;
    const leaver = await createStaff("leaver", "engineer");
    await admin`update public.profiles set full_name = 'Lee Leaver' where id = ${leaver.id}`;
    await admin`insert into public.client_engineers (client_id, user_id) values (${clientA}, ${leaver.id})`;
    await asUser(leaver.claims, (tx) => insertEntry(tx, { actorId: leaver.id, clientId: clientA, input: entry({ description: "Work before leaving" }) }));
    await admin`delete from public.staff where user_id = ${leaver.id}`; // what removing them from the staff does
    for (const person of [ownerA, memberA]) {
      const rows = await asUser(person.claims, (tx) => listEntries(tx, { clientId: clientA, month: `${today.slice(0, 7)}-01` }));
      expect(rows.find((r) => r.description === "Work before leaving")).toMatchObject({ engineerName: "Lee Leaver" });
    }
  });
});
