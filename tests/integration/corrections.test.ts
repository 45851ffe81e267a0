// Corrections are money (issue 27), through the real close, the real correction service and the real schema:
// a correction recorded in an open month against a closed month's entry re-prices that month, and the next
// invoice carries the difference as an adjustment line naming it — a credit when the correction lowers what
// was billed, a charge when it raises it — exact to the minor unit, once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeMonth } from "@/lib/billing/close";
import { draftInvoice } from "@/lib/billing/draft";
import type { StripeConfig } from "@/lib/billing/stripe";
import { asService, asUser } from "@/lib/db";
import { adjustEntry } from "@/lib/hours/corrections";
import { clientMonth } from "@/lib/hours/month";
import { admin, assignEngineer, createClient, createStaff, type TestUser } from "../support/fixtures";
import { startStripeDouble } from "../doubles/stripe";

const ZONE = "America/New_York";
let engineer: TestUser;
let stripe: Awaited<ReturnType<typeof startStripeDouble>>;
let cfg: StripeConfig;

beforeAll(async () => {
  engineer = await createStaff("corrections-eng", "engineer");
  stripe = await startStripeDouble();
  cfg = { secretKey: "sk_test_double", host: "127.0.0.1", port: stripe.port, protocol: "http" };
});
afterAll(() => stripe.close());

/** The issue's case: 20 h included, 22,500 minor units an hour over, billed in 15-minute increments. */
async function issueClient(marchMinutes: number[]) {
  const clientId = await createClient({ timezone: ZONE });
  await assignEngineer(clientId, engineer);
  await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents,
      overage_rate_cents_per_hour, overage_increment_minutes)
    values (${clientId}, '2026-03-01', 1200, 400000, 22500, 15)`;
  const ids: string[] = [];
  for (const [i, minutes] of marchMinutes.entries()) {
    const [row] = await admin<{ id: string }[]>`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
      values (${clientId}, ${engineer.id}, ${`2026-03-${String(10 + i).padStart(2, "0")}`}, ${minutes}, 'March work', 'build') returning id`;
    ids.push(row.id);
  }
  return { clientId, ids, client: { id: clientId, name: "Client", timezone: ZONE, currency: "USD" } };
}

const at = (day: string) => new Date(`${day}T15:00:00Z`);

const lines = (invoiceId: string) => admin<{ kind: string; amount: number; minutes: number | null; unit: number | null; forMonth: string | null }[]>`
  select kind, amount_cents::int as amount, quantity_minutes as minutes, unit_amount_cents::int as unit, to_char(for_month, 'YYYY-MM-DD') as "forMonth"
  from public.invoice_lines where invoice_id = ${invoiceId} order by position`;

const total = async (invoiceId: string) => (await admin<{ t: number }[]>`select total_cents::int as t from public.invoices where id = ${invoiceId}`)[0].t;

async function correct(c: Awaited<ReturnType<typeof issueClient>>, entryId: string, workDate: string, minutes: number) {
  await asUser(engineer.claims, (tx) => adjustEntry(tx, engineer.id, c.client, entryId, { workDate, minutes, description: "Correction" }, at(workDate)));
}

async function work(clientId: string, workDate: string, minutes: number) {
  await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
    values (${clientId}, ${engineer.id}, ${workDate}, ${minutes}, 'Work', 'build')`;
}

async function close(clientId: string, month: string, now: Date, stripeCfg: StripeConfig | null = null) {
  const r = await closeMonth(clientId, month, { actorId: null, now, stripe: stripeCfg });
  expect(r.outcome).toBe("closed");
  return r.invoiceId!;
}

describe("a correction that lowers a closed month's billed overage", () => {
  it("credits exactly 45,000 on the next invoice, and April is billed on April's work alone", async () => {
    const c = await issueClient([700, 700]);
    const march = await close(c.clientId, "2026-03-01", at("2026-04-01"));
    expect(await lines(march)).toEqual([
      { kind: "retainer_fee", amount: 400000, minutes: 1200, unit: null, forMonth: null },
      { kind: "overage", amount: 78750, minutes: 210, unit: 22500, forMonth: null },
    ]);

    await correct(c, c.ids[0], "2026-04-10", -120);
    await work(c.clientId, "2026-04-15", 600);
    // The correction counts in March, not against April's hours.
    const april = await asService((tx) => clientMonth(tx, c.client, at("2026-04-20")));
    expect(april.statement).toMatchObject({ usedMinutes: 600, adjustmentMinutes: 0 });
    expect(april.history.find((s) => s.month === "2026-03-01")).toMatchObject({ usedMinutes: 1280, adjustmentMinutes: -120, billedOverageMinutes: 90, overageAmountCents: 33750 });

    // What staff are shown before closing (as themselves, under RLS) is what the close issues.
    const preview = await asUser(engineer.claims, (tx) => draftInvoice(tx, c.client, "2026-04-01", at("2026-05-01")));
    expect(preview).toMatchObject({ totalCents: 355000, adjustments: [{ amountCents: -45000, forMonth: "2026-03-01" }] });

    const aprilInvoice = await close(c.clientId, "2026-04-01", at("2026-05-01"));
    expect(await lines(aprilInvoice)).toEqual([
      { kind: "retainer_fee", amount: 400000, minutes: 1200, unit: null, forMonth: null },
      { kind: "adjustment", amount: -45000, minutes: -120, unit: 22500, forMonth: "2026-03-01" },
    ]);
    expect(await total(aprilInvoice)).toBe(355000);
    const [audit] = await admin<{ data: { lines: { kind: string; amountCents: number }[] } }[]>`
      select data from public.audit_events where entity_id = ${aprilInvoice} and action = 'month.closed'`;
    expect(audit.data.lines.map((l) => [l.kind, l.amountCents])).toEqual([["retainer_fee", 400000], ["adjustment", -45000]]);

    // Credited once: May carries nothing for March.
    const may = await close(c.clientId, "2026-05-01", at("2026-06-01"));
    expect((await lines(may)).map((l) => l.kind)).toEqual(["retainer_fee"]);
  });

  it("keeps April's own overage and the credit apart when April runs over too", async () => {
    const c = await issueClient([1400]);
    await close(c.clientId, "2026-03-01", at("2026-04-01"));
    await correct(c, c.ids[0], "2026-04-02", -120);
    await work(c.clientId, "2026-04-15", 1400);
    const april = await close(c.clientId, "2026-04-01", at("2026-05-01"));
    expect((await lines(april)).map((l) => [l.kind, l.amount, l.forMonth])).toEqual([
      ["retainer_fee", 400000, null], ["overage", 78750, null], ["adjustment", -45000, "2026-03-01"],
    ]);
  });

  it("bills an increase as the corrected month's overage, and a later correction only the new difference", async () => {
    const c = await issueClient([1400]);
    await close(c.clientId, "2026-03-01", at("2026-04-01"));
    await correct(c, c.ids[0], "2026-04-02", -120);
    await close(c.clientId, "2026-04-01", at("2026-05-01"));
    // March now bills 80 over → 90 → 33,750; another +60 makes 140 over → 150 → 56,250: 22,500 more.
    await correct(c, c.ids[0], "2026-05-04", 60);
    const may = await close(c.clientId, "2026-05-01", at("2026-06-01"));
    expect((await lines(may)).filter((l) => l.kind === "adjustment")).toEqual([
      { kind: "adjustment", amount: 22500, minutes: 60, unit: 22500, forMonth: "2026-03-01" },
    ]);
  });

  it("never takes an invoice below zero: the rest of a credit waits for the next invoice", async () => {
    const clientId = await createClient({ timezone: ZONE });
    await assignEngineer(clientId, engineer);
    // A small fee and a big overage month, then most of that overage corrected away.
    await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents,
        overage_rate_cents_per_hour, overage_increment_minutes)
      values (${clientId}, '2026-03-01', 60, 10000, 60000, 60)`;
    const [e] = await admin<{ id: string }[]>`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
      values (${clientId}, ${engineer.id}, '2026-03-10', 360, 'Big month', 'build') returning id`;
    const c = { clientId, ids: [e.id], client: { id: clientId, name: "Client", timezone: ZONE, currency: "USD" } };
    await close(clientId, "2026-03-01", at("2026-04-01")); // 10,000 + 5 h × 60,000 = 310,000
    await correct(c, e.id, "2026-04-02", -240); // March now 2 h − 1 h = 1 h over → 60,000: owed back 240,000
    const april = await close(clientId, "2026-04-01", at("2026-05-01"));
    expect((await lines(april)).map((l) => [l.kind, l.amount])).toEqual([["retainer_fee", 10000], ["adjustment", -10000]]);
    expect(await total(april)).toBe(0);
    const may = await close(clientId, "2026-05-01", at("2026-06-01"));
    expect((await lines(may)).map((l) => [l.kind, l.amount, l.minutes])).toEqual([["retainer_fee", 10000, 60], ["adjustment", -10000, null]]);
    // Billed for March so far: 310,000 − 20,000; still owed back 220,000, one invoice at a time.
    const [{ billed }] = await admin<{ billed: number }[]>`
      select sum(l.amount_cents)::int as billed from public.invoice_lines l join public.invoices i on i.id = l.invoice_id
      where l.client_id = ${clientId} and coalesce(l.for_month, i.month) = '2026-03-01'`;
    expect(billed).toBe(290000);
  });

  it("pushes the credit to Stripe as a negative invoice item on the next invoice", async () => {
    const c = await issueClient([1400]);
    await close(c.clientId, "2026-03-01", at("2026-04-01"), cfg);
    await correct(c, c.ids[0], "2026-04-02", -120);
    stripe.reset();
    const april = await close(c.clientId, "2026-04-01", at("2026-05-01"), cfg);
    const items = stripe.calls.filter((call) => call.path === "/v1/invoiceitems" && call.idempotencyKey?.includes(april));
    expect(items.filter((call) => !call.replayed).map((call) => Number(call.params.amount))).toEqual([400000, -45000]);
  });
});
