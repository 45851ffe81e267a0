// Tax and legal fields through the real close, the real commands and the real schema (issue 27): staff set a
// client's bill-to details and tax treatment (owners read them, members do not, refusals change no row); the
// close computes tax once per rate and stores net, tax and gross with a snapshot of the parties; Stripe gets
// the customer's address and tax id and a tax rate on each item, and when its per-line rounding comes to
// another total, the Stripe invoice (the one sent and paid) is what is recorded.
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeMonth, closeMonthTx } from "@/lib/billing/close";
import { awaitingWithAdjustments } from "@/lib/billing/draft";
import { awaitingInvoice } from "@/lib/domain/month-phase";
import { clientMonth } from "@/lib/hours/month";
import { syncCustomerIfAny } from "@/lib/billing/customer";
import type { StripeConfig } from "@/lib/billing/stripe";
import { setBillingDetails } from "@/lib/clients/commands";
import { execute } from "@/lib/commands/execute";
import { asService, asUser } from "@/lib/db";
import { getBillingDetails } from "@/lib/db/billing-details";
import { loadViewer } from "@/lib/db/viewer";
import type { InvoiceLegal } from "@/lib/domain/tax";
import { viewPrintInvoice } from "@/lib/pages/print-invoice";
import { renderInvoicePdf } from "@/lib/pdf/invoice";
import { admin, addMember, assignEngineer, createClient, createStaff, createUser, type TestUser } from "../support/fixtures";
import { startStripeDouble } from "../doubles/stripe";

let engineer: TestUser;
let owner: TestUser;
let member: TestUser;
let stripe: Awaited<ReturnType<typeof startStripeDouble>>;
let cfg: StripeConfig;

beforeAll(async () => {
  engineer = await createStaff("tax-eng", "engineer");
  [owner, member] = await Promise.all([createUser("tax-owner"), createUser("tax-member")]);
  stripe = await startStripeDouble();
  cfg = { secretKey: "sk_test_double", host: "127.0.0.1", port: stripe.port, protocol: "http" };
});
afterAll(() => stripe.close());

const at = (day: string) => new Date(`${day}T15:00:00Z`);

/** A client with terms from March 2026 and the minutes of March logged. */
async function client(o: { name: string; timezone: string; currency: string; fee: number; rate: number; included: number; used: number }) {
  const clientId = await createClient({ name: o.name, timezone: o.timezone, currency: o.currency });
  await assignEngineer(clientId, engineer);
  await addMember(clientId, owner, "owner");
  await addMember(clientId, member, "member");
  await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour, overage_increment_minutes)
    values (${clientId}, '2026-03-01', ${o.included}, ${o.fee}, ${o.rate}, 15)`;
  await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
    values (${clientId}, ${engineer.id}, '2026-03-10', ${o.used}, 'Work', 'build')`;
  return clientId;
}

const form = (clientId: string, extra: Record<string, string> = {}) => ({
  clientId, legalName: "", address: "", country: "", taxId: "", taxTreatment: "none", taxRate: "", taxLabel: "", taxNote: "", ...extra,
});

const invoiceRow = async (id: string) => (await admin<{ net: number; tax: number; total: number; legal: InvoiceLegal }[]>`
  select net_cents::int as net, tax_cents::int as tax, total_cents::int as total, legal from public.invoices where id = ${id}`)[0];
const lineRates = (id: string) => admin<{ amount: number; rate: number | null }[]>`
  select amount_cents::int as amount, tax_rate_bp as rate from public.invoice_lines where invoice_id = ${id} order by position`;

describe("a client's billing details", () => {
  it("are set by staff, read by owners, hidden from members, and refused with field errors that change no row", async () => {
    const c = await client({ name: "Kiwi Tax", timezone: "Pacific/Auckland", currency: "NZD", fee: 780_000, rate: 28_000, included: 600, used: 600 });
    const ok = await execute(setBillingDetails, engineer.claims, form(c, {
      legalName: "Kiwi Tax Limited", address: "12 Te Taou Crescent\nTāmaki Makaurau Auckland 1052", country: "nz", taxId: "123-456-789",
      taxTreatment: "standard", taxRate: "15", taxLabel: "GST",
    }));
    expect(ok.ok ? ok.message : ok.error).toBe("Billing details saved.");
    const expected = { legalName: "Kiwi Tax Limited", address: "12 Te Taou Crescent\nTāmaki Makaurau Auckland 1052", country: "NZ", taxId: "123-456-789",
      treatment: { kind: "standard", rateBp: 1500, label: "GST" } };
    expect(await asUser(owner.claims, (tx) => getBillingDetails(tx, { clientId: c }))).toEqual(expected);
    expect(await asUser(member.claims, (tx) => getBillingDetails(tx, { clientId: c }))).toEqual({ legalName: "", address: "", country: "", taxId: "", treatment: { kind: "none" } });
    const [audit] = await admin`select actor_id, data->'after' as after from public.audit_events where client_id = ${c} and action = 'client.billing_details_changed'`;
    expect(audit).toEqual({ actor_id: engineer.id, after: expected });

    const before = await admin`select * from public.client_billing_details where client_id = ${c}`;
    const bad = await execute(setBillingDetails, engineer.claims, form(c, { taxTreatment: "standard", taxRate: "150", country: "XX" }));
    expect(bad.ok ? null : bad.error.fieldErrors).toEqual({ country: ["Choose a country from the list."] });
    const badRate = await execute(setBillingDetails, engineer.claims, form(c, { taxTreatment: "standard", taxRate: "150" }));
    expect(badRate.ok ? null : badRate.error.fieldErrors).toEqual({ taxRate: ["Enter the tax rate as a percentage between 0.01 and 100, such as 15 or 8.5."] });
    const noId = await execute(setBillingDetails, engineer.claims, form(c, { taxTreatment: "reverse_charge" }));
    expect(noId.ok ? null : noId.error.fieldErrors).toEqual({ taxId: ["A reverse charge needs the client's VAT or tax number."] });
    for (const who of [owner, member]) {
      const refused = await execute(setBillingDetails, who.claims, form(c, { taxTreatment: "none" }));
      expect(refused.ok).toBe(false);
    }
    expect(await admin`select * from public.client_billing_details where client_id = ${c}`).toEqual(before);
  });
});

describe("the close", () => {
  it("bills NZ GST once on the invoice's net, stores net, tax, gross and the parties, and prints them", async () => {
    // 900 minutes used of 600: 300 over at NZ$280/h = NZ$1,400.00; fee NZ$7,800.00; net NZ$9,200.00; GST 15% NZ$1,380.00.
    const c = await client({ name: "Kiwi Close", timezone: "Pacific/Auckland", currency: "NZD", fee: 780_000, rate: 28_000, included: 600, used: 900 });
    await execute(setBillingDetails, engineer.claims, form(c, {
      address: "1 Queen Street\nAuckland 1010", country: "NZ", taxTreatment: "standard", taxRate: "15", taxLabel: "GST",
    }));
    // Before the close, "will be invoiced" already says what the invoice will ask for: with its GST.
    const ref = { id: c, name: "Kiwi Close", timezone: "Pacific/Auckland", currency: "NZD" };
    const expected = await asUser(owner.claims, async (tx) => {
      const cm = await clientMonth(tx, ref, at("2026-04-02"));
      return awaitingWithAdjustments(tx, c, cm, awaitingInvoice(cm.history, cm.currentMonth, cm.today, new Set()));
    });
    expect(expected.map((a) => [a.month, a.totalCents])).toEqual([["2026-03-01", 1_058_000]]);

    const r = await closeMonth(c, "2026-03-01", { actorId: null, now: at("2026-04-02"), stripe: null });
    const inv = await invoiceRow(r.invoiceId!);
    expect({ net: inv.net, tax: inv.tax, total: inv.total }).toEqual({ net: 920_000, tax: 138_000, total: 1_058_000 });
    expect(await lineRates(r.invoiceId!)).toEqual([{ amount: 780_000, rate: 1500 }, { amount: 140_000, rate: 1500 }]);
    expect(inv.legal.buyer).toEqual({ name: "Kiwi Close", address: "1 Queen Street\nAuckland 1010", country: "NZ", taxId: "" });
    expect(inv.legal.treatment).toEqual({ kind: "standard", rateBp: 1500, label: "GST" });

    const session = { claims: owner.claims, viewer: await asUser(owner.claims, (tx) => loadViewer(tx, { userId: owner.id, email: owner.email })) };
    const printed = await viewPrintInvoice(session, r.invoiceId!);
    expect(printed.totals.rows).toEqual([
      { label: "Subtotal (excluding tax)", cents: 920_000 },
      { label: "GST 15% on NZ$9,200.00", cents: 138_000 },
    ]);
    expect(printed.totals.totalCents).toBe(1_058_000);
    expect(printed.parties.buyer).toEqual({ name: "Kiwi Close", lines: ["1 Queen Street", "Auckland 1010", "New Zealand"], taxNumber: null });
    // The PDF says the same: its extracted text carries the subtotal, the GST line and the gross.
    const parser = new PDFParse({ data: new Uint8Array(await renderInvoicePdf(printed)) });
    const text = (await parser.getText().finally(() => parser.destroy())).text.replace(/\s+/g, " ");
    for (const s of ["1 Queen Street", "New Zealand", "Subtotal (excluding tax) NZ$9,200.00", "GST 15% on NZ$9,200.00 NZ$1,380.00", "NZ$10,580.00"]) expect(text).toContain(s);
  });

  it("snapshots the seller as the practice stood at the close, and a later change of details leaves the issued invoice as it was", async () => {
    const c = await client({ name: "Snapshot", timezone: "Europe/Berlin", currency: "EUR", fee: 400_000, rate: 15_000, included: 600, used: 600 });
    await execute(setBillingDetails, engineer.claims, form(c, { address: "Hauptstraße 1\n10115 Berlin", country: "FR", taxId: "FR12345678901", taxTreatment: "reverse_charge" }));
    // The practice's details inside the close's own transaction (and rolled back with it): nothing else sees them.
    const seen = await asService(async (tx) => {
      await tx`update public.practice_settings set legal_name = 'Rivera GmbH', country = 'DE', tax_registrations = ${tx.json([{ scheme: "eu_vat", number: "DE123456789" }])}`;
      const { invoiceId } = await closeMonthTx(tx, c, "2026-03-01", { actorId: null, now: at("2026-04-02"), invoicing: "local" });
      const [row] = await tx<{ legal: InvoiceLegal; tax: number }[]>`select legal, tax_cents::int as tax from public.invoices where id = ${invoiceId}`;
      throw Object.assign(new Error("rollback"), { row });
    }).catch((e) => (e as { row: { legal: InvoiceLegal; tax: number } }).row);
    expect(seen.tax).toBe(0);
    expect(seen.legal.jurisdiction).toBe("EU");
    expect(seen.legal.seller).toMatchObject({ legalName: "Rivera GmbH", country: "DE", registrations: [{ scheme: "eu_vat", number: "DE123456789" }] });
    expect(seen.legal.treatment).toEqual({ kind: "reverse_charge", note: "" });

    const r = await closeMonth(c, "2026-03-01", { actorId: null, now: at("2026-04-02"), stripe: null });
    const issued = (await invoiceRow(r.invoiceId!)).legal;
    await execute(setBillingDetails, engineer.claims, form(c, { address: "Somewhere else", country: "FR", taxId: "FR99999999999", taxTreatment: "reverse_charge" }));
    expect((await invoiceRow(r.invoiceId!)).legal).toEqual(issued);
  });
});

describe("Stripe", () => {
  it("gets the customer's address and tax id, a tax rate on each item, and Stripe's per-line rounding is what the invoice records", async () => {
    // Two lines of ¥33,335 at 10%: once for the invoice ¥6,667 (6,667.0); per line as Stripe rounds, ¥3,334 + ¥3,334 = ¥6,668.
    const c = await client({ name: "Sakura Tax", timezone: "Asia/Tokyo", currency: "JPY", fee: 33_335, rate: 33_335, included: 60, used: 120 });
    await execute(setBillingDetails, engineer.claims, form(c, {
      legalName: "株式会社さくら", address: "東京都台東区浅草2-3-1", country: "JP", taxId: "T4010401000000",
      taxTreatment: "standard", taxRate: "10", taxLabel: "消費税",
    }));
    const local = await closeMonth(c, "2026-03-01", { actorId: null, now: at("2026-04-02"), stripe: null });
    expect(await invoiceRow(local.invoiceId!)).toMatchObject({ net: 66_670, tax: 6_667, total: 73_337 });

    const c2 = await client({ name: "Sakura Stripe", timezone: "Asia/Tokyo", currency: "JPY", fee: 33_335, rate: 33_335, included: 60, used: 120 });
    await execute(setBillingDetails, engineer.claims, form(c2, {
      legalName: "株式会社さくら", address: "東京都台東区浅草2-3-1\nTaitō-ku, Tokyo", country: "JP", taxId: "T4010401000000",
      taxTreatment: "standard", taxRate: "10", taxLabel: "消費税",
    }));
    const r = await closeMonth(c2, "2026-03-01", { actorId: null, now: at("2026-04-02"), stripe: cfg });
    expect(r.pushed).toBe(true);
    const [{ stripe_customer_id: customerId }] = await admin`select stripe_customer_id from public.clients where id = ${c2}`;
    expect(stripe.customers.get(customerId)).toMatchObject({ name: "株式会社さくら", address: { line1: "東京都台東区浅草2-3-1", line2: "Taitō-ku, Tokyo", country: "JP" } });
    expect(stripe.taxIds.get(customerId)).toEqual([expect.objectContaining({ type: "jp_trn", value: "T4010401000000" })]);
    const rates = [...stripe.taxRates.values()].filter((t) => t.display_name === "消費税");
    expect(rates).toHaveLength(1);
    expect(rates[0]).toMatchObject({ percentage: 10, inclusive: false });
    const items = stripe.calls.filter((x) => x.path === "/v1/invoiceitems" && x.params["metadata[invoice_id]"] === r.invoiceId);
    expect(items.map((x) => x.params["tax_rates[0]"])).toEqual([rates[0].id, rates[0].id]);
    const stripeInvoice = [...stripe.invoices.values()].find((i) => (i.metadata as Record<string, string>).invoice_id === r.invoiceId)!;
    expect({ subtotal: stripeInvoice.subtotal, tax: stripeInvoice.tax, total: stripeInvoice.total }).toEqual({ subtotal: 66_670, tax: 6_668, total: 73_338 });
    expect(await invoiceRow(r.invoiceId!)).toMatchObject({ net: 66_670, tax: 6_668, total: 73_338 });
    const [audit] = await admin`select data from public.audit_events where entity_id = ${r.invoiceId} and action = 'invoice.tax_from_stripe'`;
    expect(audit.data).toMatchObject({ ours: { totalCents: 73_337, taxCents: 6_667 }, stripe: { totalCents: 73_338 } });

    // A change of details reaches the customer; the tax id Stripe already has is not added twice.
    await execute(setBillingDetails, engineer.claims, form(c2, { legalName: "Sakura K.K.", address: "Asakusa 2-3-1", country: "JP", taxId: "T4010401000000", taxTreatment: "standard", taxRate: "10", taxLabel: "消費税" }));
    await syncCustomerIfAny(cfg, c2);
    expect(stripe.customers.get(customerId)).toMatchObject({ name: "Sakura K.K.", address: { line1: "Asakusa 2-3-1", country: "JP" } });
    expect(stripe.taxIds.get(customerId)).toHaveLength(1);
  });

  it("with Stripe Tax on, sends no rates and records the tax Stripe computed", async () => {
    // NZ$7,800.00 fee, no overage; Stripe Tax (the double: NZ 15%) computes NZ$1,170.00 on the subtotal.
    const c = await client({ name: "Kiwi Auto", timezone: "Pacific/Auckland", currency: "NZD", fee: 780_000, rate: 28_000, included: 600, used: 600 });
    await execute(setBillingDetails, engineer.claims, form(c, { address: "1 Queen Street\nAuckland 1010", country: "NZ", taxTreatment: "none" }));
    await admin`update public.practice_settings set stripe_automatic_tax = true`;
    try {
      const r = await closeMonth(c, "2026-03-01", { actorId: null, now: at("2026-04-02"), stripe: cfg });
      expect(r.pushed).toBe(true);
      const create = stripe.calls.find((x) => x.path === "/v1/invoices" && x.params["metadata[invoice_id]"] === r.invoiceId)!;
      expect(create.params["automatic_tax[enabled]"]).toBe("true");
      const items = stripe.calls.filter((x) => x.path === "/v1/invoiceitems" && x.params["metadata[invoice_id]"] === r.invoiceId);
      expect(items.map((x) => x.params["tax_rates[0]"])).toEqual([undefined]);
      expect(await invoiceRow(r.invoiceId!)).toMatchObject({ net: 780_000, tax: 117_000, total: 897_000 });
    } finally {
      await admin`update public.practice_settings set stripe_automatic_tax = false`;
    }
  });

  it("a tax number Stripe refuses does not hold the invoice back", async () => {
    const c = await client({ name: "Sakura Typo", timezone: "Asia/Tokyo", currency: "JPY", fee: 600_000, rate: 25_000, included: 600, used: 600 });
    await execute(setBillingDetails, engineer.claims, form(c, { address: "Tokyo", country: "JP", taxId: "T12345", taxTreatment: "none" }));
    const r = await closeMonth(c, "2026-03-01", { actorId: null, now: at("2026-04-02"), stripe: cfg });
    expect(r.pushed).toBe(true);
    const [{ stripe_customer_id: customerId }] = await admin`select stripe_customer_id from public.clients where id = ${c}`;
    expect(stripe.taxIds.get(customerId) ?? []).toEqual([]);
    expect(stripe.calls.some((x) => x.path === `/v1/customers/${customerId}/tax_ids` && x.method === "POST")).toBe(true);
    expect((await invoiceRow(r.invoiceId!)).legal.buyer.taxId).toBe("T12345");
  });
});
