// Getting paid without Stripe (issue 27): the practice's payment instructions per currency, saved by the
// settings command (refusals change no row), read under RLS by staff and owners only, shown as "How to pay"
// on a local invoice (Stripe's page stays "Pay"), and printed with the bill-to, supply period and hours.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/lib/auth/session";
import { updatePractice } from "@/lib/billing/commands";
import { execute } from "@/lib/commands/execute";
import { asUser } from "@/lib/db";
import { getClientAccess } from "@/lib/db/clients";
import { getPaymentInstructions } from "@/lib/db/settings";
import { loadViewer } from "@/lib/db/viewer";
import { seesMoney } from "@/lib/domain/access";
import { statementFor } from "@/lib/domain/retainer";
import type { ClientPage } from "@/lib/pages/access";
import { viewInvoices } from "@/lib/pages/invoices";
import { viewPrintInvoice } from "@/lib/pages/print-invoice";
import { viewPracticeSettings } from "@/lib/pages/settings";
import { admin, createCast, createClient, createUser, addMember, type TestUser } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
let nzdClient: string;
let nzdOwner: TestUser;
const ids = { local: "", stripe: "", paid: "", nzd: "" };
let savedSettings: Record<string, unknown>;
let savedInstructions: { currency: string | null; body: string }[];

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

const practiceRow = async () => (await admin`select name, address, invoice_email, days_until_due, invoice_footer, updated_at from public.practice_settings`)[0];
const instructionRows = () => admin<{ currency: string | null; body: string }[]>`select currency, body from public.payment_instructions order by currency nulls first`;
const form = (extra: Record<string, string> = {}) => ({
  name: "Rivera Fractional Engineering", address: "548 Market St", invoiceEmail: "billing@practice.test", daysUntilDue: "14", invoiceFooter: "Thanks.",
  paymentInstructions: "SWIFT to IBAN GB33 BUKB 2020 1555 5555 55", paymentInstructions_USD: "ACH to routing 121000358, account 4410",
  paymentInstructions_NZD: "ANZ 01-0123-0456789-00, reference: the invoice number", ...extra,
});

beforeAll(async () => {
  cast = await createCast();
  savedSettings = await practiceRow();
  savedInstructions = await instructionRows();
  const a = cast.clientA; // USD, America/New_York
  // December 2029 leaves 200 minutes unused, which roll over into January 2030: used 1,500, 100 over.
  const terms = [{ effectiveMonth: "2029-12-01", includedMinutes: 1200, monthlyFeeCents: 400000, overageRateCentsPerHour: 15000,
    overageIncrementMinutes: 15, rolloverCapMinutes: 600, rolloverExpiryMonths: 2, overagePreapprovedMinutes: 0 }];
  const entries = [{ workDate: "2029-12-10", minutes: 1000, billable: true, voided: false }, { workDate: "2030-01-10", minutes: 1500, billable: true, voided: false }];
  const statement = statementFor(terms, entries, "2030-01-01")!;
  await admin`insert into public.billing_periods (client_id, month, status, closed_at, statement) values
    (${a}, '2030-01-01', 'closed', now(), ${admin.json(statement as never)})`;
  const [local] = await admin`insert into public.invoices (client_id, month, number, status, currency, total_cents, due_date, issued_at, pushed_at)
    values (${a}, '2030-01-01', ${`INV-T${randomUUID().slice(0, 6)}`}, 'open', 'USD', ${statement.totalCents}, '2030-02-15', now(), now()) returning id`;
  const [stripe] = await admin`insert into public.invoices (client_id, month, status, currency, total_cents, stripe_invoice_id, hosted_invoice_url, issued_at, pushed_at)
    values (${a}, '2030-02-01', 'open', 'USD', 400000, ${`in_${randomUUID().slice(0, 8)}`}, 'https://invoice.stripe.com/i/acct_1/test', now(), now()) returning id`;
  const [paid] = await admin`insert into public.invoices (client_id, month, number, status, currency, total_cents, issued_at, pushed_at, paid_at)
    values (${a}, '2029-11-01', ${`INV-P${randomUUID().slice(0, 6)}`}, 'paid', 'USD', 400000, now(), now(), now()) returning id`;
  // A New Zealand client (Pacific/Auckland, NZD) with its own owner and an open local invoice.
  nzdClient = await createClient({ name: "Kiwi Test", timezone: "Pacific/Auckland", currency: "NZD" });
  nzdOwner = await createUser("owner-nzd");
  await addMember(nzdClient, nzdOwner, "owner");
  const [nzd] = await admin`insert into public.invoices (client_id, month, number, status, currency, total_cents, due_date, issued_at, pushed_at)
    values (${nzdClient}, '2030-02-01', ${`INV-N${randomUUID().slice(0, 6)}`}, 'open', 'NZD', 780000, '2030-03-15', now(), now()) returning id`;
  Object.assign(ids, { local: local.id, stripe: stripe.id, paid: paid.id, nzd: nzd.id });
});

afterAll(async () => {
  // The practice row and its instructions are the whole database's: leave them as they were.
  const s = savedSettings as { name: string; address: string; invoice_email: string; days_until_due: number; invoice_footer: string };
  await admin`update public.practice_settings set name = ${s.name}, address = ${s.address}, invoice_email = ${s.invoice_email},
    days_until_due = ${s.days_until_due}, invoice_footer = ${s.invoice_footer}`;
  await admin`delete from public.payment_instructions where true`;
  if (savedInstructions.length) await admin`insert into public.payment_instructions ${admin(savedInstructions, "currency", "body")}`;
});

describe("the practice settings command: payment instructions", () => {
  it("saves one text per currency and a general one, audited before and after, and shows them on /settings", async () => {
    const outcome = await execute(updatePractice, cast.admin.claims, form());
    expect(outcome.ok ? outcome.message : outcome.error).toBe("Practice settings saved.");
    expect(await instructionRows()).toEqual([
      { currency: null, body: "SWIFT to IBAN GB33 BUKB 2020 1555 5555 55" },
      { currency: "NZD", body: "ANZ 01-0123-0456789-00, reference: the invoice number" },
      { currency: "USD", body: "ACH to routing 121000358, account 4410" },
    ]);
    const [audit] = await admin`select data->'after'->'paymentInstructions' as after from public.audit_events
      where action = 'practice.updated' and actor_id = ${cast.admin.id} order by id desc limit 1`;
    expect(audit.after).toEqual({ general: "SWIFT to IBAN GB33 BUKB 2020 1555 5555 55",
      byCurrency: { NZD: "ANZ 01-0123-0456789-00, reference: the invoice number", USD: "ACH to routing 121000358, account 4410" } });

    // The page has a field for every currency the practice bills in (clients A and B: USD, JPY; and NZD).
    const page = await viewPracticeSettings(await session(cast.admin));
    expect(page.generalPaymentInstructions).toBe("SWIFT to IBAN GB33 BUKB 2020 1555 5555 55");
    expect(page.paymentInstructions).toEqual(expect.arrayContaining([
      { currency: "JPY", text: "" }, { currency: "NZD", text: "ANZ 01-0123-0456789-00, reference: the invoice number" },
      { currency: "USD", text: "ACH to routing 121000358, account 4410" },
    ]));
  });

  it("refuses too-long instructions and a missing name with field errors, and changes no row", async () => {
    await execute(updatePractice, cast.admin.claims, form());
    const [practice, instructions] = [await practiceRow(), await instructionRows()];
    const outcome = await execute(updatePractice, cast.admin.claims, form({
      name: "", paymentInstructions_NZD: "x".repeat(2001), paymentInstructions_ZZZ: "Pay in buttons", paymentInstructions: "ok",
    }));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe("invalid");
    expect(outcome.error.fieldErrors).toEqual({
      name: ["Enter the practice name."],
      paymentInstructions_NZD: ["Keep the payment instructions under 2,000 characters."],
    });
    expect(outcome.values.paymentInstructions_NZD).toHaveLength(2001); // what was typed comes back to the form
    // Only a currency the form could have shown: an unknown code is refused by name once the rest is valid.
    const unknown = await execute(updatePractice, cast.admin.claims, form({ paymentInstructions_ZZZ: "Pay in buttons" }));
    expect(unknown.ok ? null : unknown.error.fieldErrors).toEqual({ paymentInstructions_ZZZ: ["That is not a currency code."] });
    expect(await practiceRow()).toEqual(practice);
    expect(await instructionRows()).toEqual(instructions);
  });

  it("refuses anyone but an admin as not found, changing no row", async () => {
    const [practice, instructions] = [await practiceRow(), await instructionRows()];
    for (const who of [cast.assigned, cast.unassigned, cast.ownerA, cast.memberA]) {
      const outcome = await execute(updatePractice, who.claims, form({ paymentInstructions_USD: "Send it to me instead" }));
      expect(outcome.ok ? "saved" : outcome.error.code).toBe("not_found");
    }
    expect(await practiceRow()).toEqual(practice);
    expect(await instructionRows()).toEqual(instructions);
  });

  it("removes a currency's instructions when its text is emptied", async () => {
    await execute(updatePractice, cast.admin.claims, form({ paymentInstructions_NZD: "   " }));
    expect((await instructionRows()).map((r) => r.currency)).toEqual([null, "USD"]);
  });
});

describe("reading them: staff and owners, for their invoices' currencies", () => {
  it("gives staff every text, an owner the general one and their invoices' currencies, a member nothing", async () => {
    await execute(updatePractice, cast.admin.claims, form());
    const read = (u: TestUser) => asUser(u.claims, (tx) => getPaymentInstructions(tx));
    expect(Object.keys((await read(cast.assigned)).byCurrency).sort()).toEqual(["NZD", "USD"]);
    expect(await read(cast.ownerA)).toEqual({ general: "SWIFT to IBAN GB33 BUKB 2020 1555 5555 55", byCurrency: { USD: "ACH to routing 121000358, account 4410" } });
    expect(await read(nzdOwner)).toEqual({ general: "SWIFT to IBAN GB33 BUKB 2020 1555 5555 55", byCurrency: { NZD: "ANZ 01-0123-0456789-00, reference: the invoice number" } });
    expect(await read(cast.ownerB)).toEqual({ general: "SWIFT to IBAN GB33 BUKB 2020 1555 5555 55", byCurrency: {} }); // no invoices yet
    expect(await read(cast.memberA)).toEqual({ general: "", byCurrency: {} });
  });

  it("offers Pay for a Stripe invoice, How to pay with the currency's text for a local one, nothing for a paid one", async () => {
    await execute(updatePractice, cast.admin.claims, form());
    for (const who of [cast.ownerA, cast.assigned]) {
      const { invoices } = await viewInvoices(await accessAs(who, cast.clientA), new Date());
      const byId = new Map(invoices.map((i) => [i.id, i.payment]));
      expect(byId.get(ids.stripe)).toEqual({ kind: "pay", url: "https://invoice.stripe.com/i/acct_1/test" });
      expect(byId.get(ids.local)).toEqual({ kind: "how-to-pay", howToPay: { kind: "instructions", text: "ACH to routing 121000358, account 4410" } });
      expect(byId.get(ids.paid)).toBeNull();
    }
  });

  it("falls back to the general text, then to the practice's invoice email", async () => {
    const payment = async () => (await viewInvoices(await accessAs(nzdOwner, nzdClient), new Date())).invoices[0].payment;
    await execute(updatePractice, cast.admin.claims, form({ paymentInstructions_NZD: "" }));
    expect(await payment()).toEqual({ kind: "how-to-pay", howToPay: { kind: "instructions", text: "SWIFT to IBAN GB33 BUKB 2020 1555 5555 55" } });
    await execute(updatePractice, cast.admin.claims, form({ paymentInstructions_NZD: "", paymentInstructions: "", paymentInstructions_USD: "" }));
    expect(await payment()).toEqual({ kind: "how-to-pay", howToPay: { kind: "contact", practiceName: "Rivera Fractional Engineering", email: "billing@practice.test" } });
  });
});

describe("the printed invoice", () => {
  it("bills the client, states the supply period, the hours with rollover in and out, and how to pay", async () => {
    await execute(updatePractice, cast.admin.claims, form());
    for (const who of [cast.ownerA, cast.admin]) {
      const p = await viewPrintInvoice(await session(who), ids.local);
      expect(p.client.name).toBe("Client A");
      expect(p.supplyPeriod).toBe("1–31 January 2030");
      expect(p.invoicesHref).toBe(`/clients/${cast.clientA}/invoices`);
      expect(p.howToPay).toEqual({ kind: "instructions", text: "ACH to routing 121000358, account 4410" });
      const hours = Object.fromEntries(p.hours!.map((h) => [h.label, h.minutes]));
      expect(hours).toEqual({ Included: 1200, "Rolled over in": 200, Available: 1400, Used: 1500, Overage: 100, "Rolled over out": 0, Expired: 0 });
      expect(p.hours!.find((h) => h.label === "Overage")!.detail).toBe("Billed as 1h 45m, rounded up to 15-minute steps");
    }
    // Paid: nothing left to pay, so no instructions; the NZD invoice prints its own supply period.
    expect((await viewPrintInvoice(await session(cast.ownerA), ids.paid)).howToPay).toBeNull();
    expect((await viewPrintInvoice(await session(nzdOwner), ids.nzd)).supplyPeriod).toBe("1–28 February 2030");
  });

  it("is a 404 for a member (who sees no invoices) and another client's owner", async () => {
    await expect(viewPrintInvoice(await session(cast.memberA), ids.local)).rejects.toMatchObject(notFound404);
    await expect(viewPrintInvoice(await session(nzdOwner), ids.local)).rejects.toMatchObject(notFound404);
  });
});
