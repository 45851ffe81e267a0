// Billing timing and the first month (issue 27), through the real close, the real correction service and the
// real schema, with a fixed `now` per close: a year of an advance client, an arrears client and a client switched
// arrears → advance → arrears, with a terms change in May and a correction of May recorded in July. Every month's
// fee is billed exactly once, every month's overage once (and its correction once), and what the standing
// invoices billed per month (billedByMonth) equals the final ledger's statements. Then the first month: an
// opening invoice, a December 5 start prorated 27/31, and a practice that starts retainers at the next month.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeMonth, dueMonths } from "@/lib/billing/close";
import { draftInvoice } from "@/lib/billing/draft";
import { asService, asUser } from "@/lib/db";
import { billedByMonth } from "@/lib/db/invoices";
import { addMonths, type Month } from "@/lib/domain/dates";
import { createClient as createClientAsStaff, updateClient } from "@/lib/clients/details";
import { assignEngineer as assignAsAdmin } from "@/lib/clients/engineers";
import { adjustEntry } from "@/lib/hours/corrections";
import { AppError } from "@/lib/platform/errors";
import { clientMonth } from "@/lib/hours/month";
import { addMember, admin, assignEngineer, createClient, createStaff, createUser, type TestUser } from "../support/fixtures";

const ZONE = "UTC";
let engineer: TestUser;
const created: string[] = [];

beforeAll(async () => {
  engineer = await createStaff("timing-eng", "engineer");
});
// Archived: later files' month closes (the cron) never see these clients' months as due.
afterAll(async () => {
  await admin`update public.clients set archived_at = now() where id in ${admin(created)}`;
  await admin`update public.practice_settings set first_month = 'prorate'`;
});

const at = (day: string) => new Date(`${day}T15:00:00Z`);
const MONTHS: Month[] = Array.from({ length: 12 }, (_, i) => addMonths("2026-01-01", i));
/** Minutes worked each month of 2026: over the hours in Jan, Mar, May, Aug, Oct and Dec. */
const WORK = [1300, 900, 1500, 1200, 1600, 1400, 1000, 1700, 1500, 1550, 1200, 1800];

async function retained(billingTiming: "advance" | "arrears", opts: { startDate?: string; effective?: Month; change?: boolean } = {}) {
  const clientId = await createClient({ timezone: ZONE, billingTiming, startDate: opts.startDate ?? null });
  created.push(clientId);
  await assignEngineer(clientId, engineer);
  await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents,
      overage_rate_cents_per_hour, overage_increment_minutes)
    values (${clientId}, ${opts.effective ?? "2026-01-01"}, 1200, 400000, 22500, 15)`;
  // The terms change: from May, 25 h for 500,000 and 24,000 an hour over.
  if (opts.change !== false) {
    await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents,
        overage_rate_cents_per_hour, overage_increment_minutes)
      values (${clientId}, '2026-05-01', 1500, 500000, 24000, 15)`;
  }
  return { clientId, client: { id: clientId, name: "Client", timezone: ZONE, currency: "USD" } };
}

/** `minutes` of work on `workDate` and the days after it, at most a day's 1,440 per entry; the first entry's id. */
async function work(clientId: string, workDate: string, minutes: number): Promise<string> {
  const ids: string[] = [];
  for (let left = minutes, day = 0; left > 0; left -= 1000, day++) {
    const [row] = await admin<{ id: string }[]>`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
      values (${clientId}, ${engineer.id}, ${workDate}::date + ${day}::int, ${Math.min(left, 1000)}, 'Work', 'build') returning id`;
    ids.push(row.id);
  }
  return ids[0];
}

async function close(clientId: string, month: Month) {
  const r = await closeMonth(clientId, month, { actorId: null, now: at(addMonths(month, 1)), stripe: null });
  expect(r.outcome).toBe("closed");
  return r.invoiceId!;
}

const lines = (invoiceId: string) => admin<{ kind: string; amount: number; forMonth: string | null; description: string }[]>`
  select kind, amount_cents::int as amount, to_char(for_month, 'YYYY-MM-DD') as "forMonth", description
  from public.invoice_lines where invoice_id = ${invoiceId} order by position`;

const feeCounts = async (clientId: string) => Object.fromEntries((await admin<{ month: string; n: number }[]>`
  select to_char(coalesce(l.for_month, i.month), 'YYYY-MM-DD') as month, count(*)::int as n
  from public.invoice_lines l join public.invoices i on i.id = l.invoice_id
  where l.client_id = ${clientId} and l.kind = 'retainer_fee' group by 1`).map((r) => [r.month, r.n]));

const overageCounts = async (clientId: string) => Object.fromEntries((await admin<{ month: string; n: number }[]>`
  select to_char(coalesce(l.for_month, i.month), 'YYYY-MM-DD') as month, count(*)::int as n
  from public.invoice_lines l join public.invoices i on i.id = l.invoice_id
  where l.client_id = ${clientId} and l.kind = 'overage' group by 1`).map((r) => [r.month, r.n]));

const invoicedTotal = async (clientId: string) =>
  (await admin<{ t: number }[]>`select coalesce(sum(total_cents), 0)::int as t from public.invoices where client_id = ${clientId}`)[0].t;

/** The ledger's final statements of 2026 against what the standing invoices billed for each month. */
async function ledgerAndBilled(c: Awaited<ReturnType<typeof retained>>) {
  const cm = await asService((tx) => clientMonth(tx, c.client, at("2027-01-01"), "2026-12-01"));
  const billed = new Map((await asService((tx) => billedByMonth(tx, { clientId: c.clientId }))).map((b) => [b.month, Number(b.cents)]));
  return { ledger: cm.history.map((s) => [s.month, s.totalCents]), billed: cm.history.map((s) => [s.month, billed.get(s.month) ?? 0]), billedMap: billed };
}

/**
 * A year of the same work for one client: closes of every month on the 1st of the next, the correction of May
 * (−60 min, recorded in July) and, per close, the timing to switch to first (the switched client).
 */
async function year(c: Awaited<ReturnType<typeof retained>>, timingAt: (month: Month) => "advance" | "arrears" | null = () => null) {
  const invoices = new Map<Month, string>();
  let mayEntry = "";
  for (const [i, month] of MONTHS.entries()) {
    const id = await work(c.clientId, `${month.slice(0, 7)}-10`, WORK[i]);
    if (month === "2026-05-01") mayEntry = id;
    if (month === "2026-07-01") {
      await asUser(engineer.claims, (tx) => adjustEntry(tx, engineer.id, c.client, mayEntry, { workDate: "2026-07-14", minutes: -60, description: "Correction" }, at("2026-07-14")));
    }
    const switchTo = timingAt(month);
    if (switchTo) await admin`update public.clients set billing_timing = ${switchTo} where id = ${c.clientId}`;
    invoices.set(month, await close(c.clientId, month));
  }
  return invoices;
}

// The final ledger of 2026 (the same for every client): fees 4 × 400,000 + 8 × 500,000; overage January 105 min
// → 39,375; March 300 → 112,500; May 100 → 105 min → 42,000, corrected to 40 → 45 min → 18,000; August 200 →
// 210 min → 84,000; October 50 → 60 min → 24,000; December 300 → 120,000. 5,997,875 in all.
const LEDGER: [Month, number][] = [
  ["2026-01-01", 439375], ["2026-02-01", 400000], ["2026-03-01", 512500], ["2026-04-01", 400000], ["2026-05-01", 518000], ["2026-06-01", 500000],
  ["2026-07-01", 500000], ["2026-08-01", 584000], ["2026-09-01", 500000], ["2026-10-01", 524000], ["2026-11-01", 500000], ["2026-12-01", 620000],
];
const YEAR_TOTAL = LEDGER.reduce((s, [, c]) => s + c, 0);
const everyMonthOnce = Object.fromEntries(MONTHS.map((m) => [m, 1]));
const overageMonths = { "2026-01-01": 1, "2026-03-01": 1, "2026-05-01": 1, "2026-08-01": 1, "2026-10-01": 1, "2026-12-01": 1 };

describe("a year in advance and in arrears, with a terms change in May and a correction of May", () => {
  it("in arrears: each invoice carries its month's fee and overage; the credit for May comes with July", async () => {
    const c = await retained("arrears");
    expect((await dueMonths(at("2026-01-01"))).filter((d) => d.clientId === c.clientId)).toEqual([]);
    const invoices = await year(c);
    expect((await lines(invoices.get("2026-05-01")!)).map((l) => [l.kind, l.amount, l.forMonth, l.description])).toEqual([
      ["retainer_fee", 500000, null, "Retainer fee for May 2026"],
      ["overage", 42000, null, "Overage of May 2026, billed in 15-minute increments"],
    ]);
    expect((await lines(invoices.get("2026-07-01")!)).map((l) => [l.kind, l.amount, l.forMonth])).toEqual([
      ["retainer_fee", 500000, null], ["adjustment", -24000, "2026-05-01"],
    ]);
    const { ledger, billed } = await ledgerAndBilled(c);
    expect(ledger).toEqual(LEDGER);
    expect(billed).toEqual(LEDGER);
    expect(await feeCounts(c.clientId)).toEqual(everyMonthOnce);
    expect(await overageCounts(c.clientId)).toEqual(overageMonths);
    expect(await invoicedTotal(c.clientId)).toBe(YEAR_TOTAL); // 5,997,875
    console.info(`timing, arrears: 12 invoices, ${YEAR_TOTAL} billed for 2026`);
  });

  it("in advance: an opening invoice for January's fee, then each month's overage with the next month's fee at its own terms", async () => {
    const c = await retained("advance");
    expect((await dueMonths(at("2026-01-01"))).filter((d) => d.clientId === c.clientId).map((d) => d.month)).toEqual(["2025-12-01"]);
    // The opening invoice: the close of December 2025, a month without terms, bills January's fee at its start.
    const preview = await asUser(engineer.claims, (tx) => draftInvoice(tx, c.client, "2025-12-01", at("2026-01-01")));
    expect(preview).toMatchObject({ statement: null, totalCents: 400000 });
    const opening = await close(c.clientId, "2025-12-01");
    expect((await lines(opening)).map((l) => [l.kind, l.amount, l.forMonth, l.description])).toEqual([
      ["retainer_fee", 400000, "2026-01-01", "Retainer fee for January 2026 (in advance)"],
    ]);
    // Its period closes with no statement, and it is due no more.
    const [period] = await admin`select status, statement from public.billing_periods where client_id = ${c.clientId} and month = '2025-12-01'`;
    expect(period).toMatchObject({ status: "closed", statement: null });
    expect((await dueMonths(at("2026-01-20"))).filter((d) => d.clientId === c.clientId)).toEqual([]);

    const invoices = await year(c);
    expect((await lines(invoices.get("2026-01-01")!)).map((l) => [l.kind, l.amount, l.forMonth, l.description])).toEqual([
      ["retainer_fee", 400000, "2026-02-01", "Retainer fee for February 2026 (in advance)"],
      ["overage", 39375, null, "Overage of January 2026, billed in 15-minute increments"],
    ]);
    // April's close bills May's fee at May's terms; May's close, May's overage at May's rate.
    expect((await lines(invoices.get("2026-04-01")!)).map((l) => [l.kind, l.amount, l.forMonth])).toEqual([["retainer_fee", 500000, "2026-05-01"]]);
    expect((await lines(invoices.get("2026-05-01")!)).map((l) => [l.kind, l.amount, l.forMonth])).toEqual([
      ["retainer_fee", 500000, "2026-06-01"], ["overage", 42000, null],
    ]);
    expect((await lines(invoices.get("2026-07-01")!)).map((l) => [l.kind, l.amount, l.forMonth])).toEqual([
      ["retainer_fee", 500000, "2026-08-01"], ["adjustment", -24000, "2026-05-01"],
    ]);
    const { ledger, billed, billedMap } = await ledgerAndBilled(c);
    expect(ledger).toEqual(LEDGER);
    expect(billed).toEqual(LEDGER);
    // January 2027's fee went out with December's close.
    expect(billedMap.get("2027-01-01")).toBe(500000);
    expect(await feeCounts(c.clientId)).toEqual({ ...everyMonthOnce, "2027-01-01": 1 });
    expect(await overageCounts(c.clientId)).toEqual(overageMonths);
    expect(await invoicedTotal(c.clientId)).toBe(YEAR_TOTAL + 500000); // 6,497,875
    console.info(`timing, advance: 13 invoices (the opening one included), ${YEAR_TOTAL + 500000} billed, ${YEAR_TOTAL} of it for 2026`);
  });

  it("switched arrears → advance in July and back in October: no fee twice, none skipped", async () => {
    const c = await retained("arrears");
    const invoices = await year(c, (m) => (m === "2026-07-01" ? "advance" : m === "2026-10-01" ? "arrears" : null));
    // July's close: July's own fee (never billed), August's in advance, and the credit for May.
    expect((await lines(invoices.get("2026-07-01")!)).map((l) => [l.kind, l.amount, l.forMonth])).toEqual([
      ["retainer_fee", 500000, null], ["retainer_fee", 500000, "2026-08-01"], ["adjustment", -24000, "2026-05-01"],
    ]);
    // October's close, back in arrears: October's fee went out with September's, so only its overage.
    expect((await lines(invoices.get("2026-10-01")!)).map((l) => [l.kind, l.amount, l.forMonth])).toEqual([["overage", 24000, null]]);
    expect((await lines(invoices.get("2026-11-01")!)).map((l) => [l.kind, l.amount, l.forMonth])).toEqual([["retainer_fee", 500000, null]]);
    const { billed } = await ledgerAndBilled(c);
    expect(billed).toEqual(LEDGER);
    expect(await feeCounts(c.clientId)).toEqual(everyMonthOnce);
    expect(await invoicedTotal(c.clientId)).toBe(YEAR_TOTAL);
  });
});

describe("the first month", () => {
  it("prorates a December 5 start by days: 27 of 31, fee and included hours alike, on the opening invoice", async () => {
    const c = await retained("advance", { startDate: "2026-12-05", effective: "2026-12-01", change: false });
    expect((await dueMonths(at("2026-12-01"))).filter((d) => d.clientId === c.clientId).map((d) => d.month)).toEqual(["2026-11-01"]);
    const opening = await closeMonth(c.clientId, "2026-11-01", { actorId: null, now: at("2026-12-01"), stripe: null });
    // 400,000 × 27/31 = 348,387.1 → 348,387.
    expect((await lines(opening.invoiceId!)).map((l) => [l.kind, l.amount, l.forMonth, l.description])).toEqual([
      ["retainer_fee", 348387, "2026-12-01", "Retainer fee for December 2026 (in advance), prorated from Dec 5: 27 of 31 days"],
    ]);
    await work(c.clientId, "2026-12-10", 1100);
    const dec = await asService((tx) => clientMonth(tx, c.client, at("2026-12-20")));
    // 20 h × 27/31 = 1,045.2 → 1,045 min included: 1,100 used is 55 over → 60 billed.
    expect(dec.statement).toMatchObject({ includedMinutes: 1045, prorated: { fromDate: "2026-12-05", days: 27, daysInMonth: 31 }, billedOverageMinutes: 60 });
    const december = await close(c.clientId, "2026-12-01");
    expect((await lines(december)).map((l) => [l.kind, l.amount, l.forMonth])).toEqual([["retainer_fee", 400000, "2027-01-01"], ["overage", 22500, null]]);
    const billed = new Map((await asService((tx) => billedByMonth(tx, { clientId: c.clientId }))).map((b) => [b.month, Number(b.cents)]));
    expect(billed.get("2026-12-01")).toBe(dec.statement!.totalCents);
  });

  it("starts whole at the next month when the practice chose so: December's work is history, never billed", async () => {
    await admin`update public.practice_settings set first_month = 'next_month'`;
    try {
      const arrears = await retained("arrears", { startDate: "2026-12-05", effective: "2026-12-01", change: false });
      const advance = await retained("advance", { startDate: "2026-12-05", effective: "2026-12-01", change: false });
      for (const c of [arrears, advance]) await work(c.clientId, "2026-12-10", 3000);
      const due = (id: string) => dueMonths(at("2027-01-01")).then((d) => d.filter((x) => x.clientId === id).map((x) => x.month));
      expect(await due(arrears.clientId)).toEqual([]);
      expect(await asService((tx) => draftInvoice(tx, arrears.client, "2026-12-01", at("2027-01-01")))).toBeNull();
      // In advance, December's close is the opening invoice: January's whole fee, nothing of December's work.
      expect(await due(advance.clientId)).toEqual(["2026-12-01"]);
      const opening = await close(advance.clientId, "2026-12-01");
      expect((await lines(opening)).map((l) => [l.kind, l.amount, l.forMonth])).toEqual([["retainer_fee", 400000, "2027-01-01"]]);
      const jan = await asService((tx) => clientMonth(tx, advance.client, at("2027-01-05")));
      expect(jan.history.map((s) => s.month)).toEqual(["2027-01-01"]);
      expect(jan.statement).toMatchObject({ includedMinutes: 1200, usedMinutes: 0 });
    } finally {
      await admin`update public.practice_settings set first_month = 'prorate'`;
    }
  });
});

describe("setting them", () => {
  const details = { name: "Timing Co", timezone: ZONE, currency: "USD", billingEmail: "" };

  it("bills a new client in advance; staff change the timing and the start; owners cannot; a start is history once a month closed", async () => {
    const adminUser = await createStaff("timing-admin", "admin");
    const owner = await createUser("timing-owner");
    const clientId = await asUser(adminUser.claims, (tx) => createClientAsStaff(tx, adminUser.id, { ...details, slug: "timing-co" }));
    created.push(clientId);
    const row = async () => (await admin<{ timing: string; start: string | null }[]>`
      select billing_timing as timing, to_char(start_date, 'YYYY-MM-DD') as start from public.clients where id = ${clientId}`)[0];
    expect(await row()).toEqual({ timing: "advance", start: null });

    await asUser(adminUser.claims, (tx) => assignAsAdmin(tx, adminUser.id, clientId, engineer.id));
    await addMember(clientId, owner, "owner");
    await asUser(engineer.claims, (tx) => updateClient(tx, engineer.id, clientId, { ...details, billingTiming: "arrears", startDate: "2026-03-05" }));
    expect(await row()).toEqual({ timing: "arrears", start: "2026-03-05" });
    // An update without them (an older form) leaves them as they are.
    await asUser(engineer.claims, (tx) => updateClient(tx, engineer.id, clientId, { ...details, name: "Timing Co Ltd" }));
    expect(await row()).toEqual({ timing: "arrears", start: "2026-03-05" });

    // Owners read them, and writing either is refused by the trigger, whatever the value.
    expect(await asUser(owner.claims, (tx) => tx`select billing_timing, start_date from public.clients where id = ${clientId}`)).toHaveLength(1);
    for (const set of ["billing_timing = 'advance'", "start_date = null"]) {
      const refused = await asUser(owner.claims, (tx) => tx.unsafe(`update public.clients set ${set} where id = $1`, [clientId])).catch((e: { code?: string }) => e.code);
      expect(refused).toBe("42501");
    }
    expect(await row()).toEqual({ timing: "arrears", start: "2026-03-05" });

    // Once a month is closed, the start is history: a change is refused with a field error, nothing changes.
    await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour, overage_increment_minutes)
      values (${clientId}, '2026-03-01', 600, 100000, 10000, 15)`;
    await close(clientId, "2026-03-01");
    const e = await asUser(engineer.claims, (tx) => updateClient(tx, engineer.id, clientId, { ...details, startDate: "2026-03-10" })).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).fieldErrors).toEqual({ startDate: ["The retainer's start can't change once a month has been closed and invoiced."] });
    expect(await row()).toEqual({ timing: "arrears", start: "2026-03-05" });
    // The timing may still change: fees are read from the lines, never billed twice.
    await asUser(engineer.claims, (tx) => updateClient(tx, engineer.id, clientId, { ...details, billingTiming: "advance", startDate: "2026-03-05" }));
    expect(await row()).toEqual({ timing: "advance", start: "2026-03-05" });
  });
});
