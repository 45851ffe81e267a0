// Month close and Stripe, against the real database and the real `stripe` SDK pointed at an in-repo double.
import { createHash, randomUUID } from "node:crypto";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as webhook } from "@/app/api/stripe/webhook/route";
import { closeMonth, dueMonths, pushPending } from "@/lib/billing/close";
import type { StripeConfig } from "@/lib/billing/stripe";
import { asUser } from "@/lib/db";
import { insertEntry } from "@/lib/db/entries";
import { localInvoiceSerial } from "@/lib/domain/invoice-number";
import { AppError } from "@/lib/platform/errors";
import { admin, createClient, createUser, addMember } from "../support/fixtures";
import { startStripeDouble } from "../doubles/stripe";

let stripe: Awaited<ReturnType<typeof startStripeDouble>>;
let cfg: StripeConfig;
const now = new Date("2026-11-26T12:00:00Z");
const MONTH = "2026-09-01";
const WEBHOOK_SECRET = "whsec_test_double_secret";

async function billableClient(opts: { currency?: string; timezone?: string } = {}) {
  const clientId = await createClient({ currency: opts.currency ?? "USD", timezone: opts.timezone ?? "America/New_York" });
  const owner = await createUser("billing-owner");
  await addMember(clientId, owner, "owner");
  await admin`update public.clients set billing_email = 'ap@client.test' where id = ${clientId}`;
  await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents,
      overage_rate_cents_per_hour, overage_increment_minutes)
    values (${clientId}, '2026-08-01', 600, 400000, 15000, 15)`;
  // September: 700 minutes logged, 100 over → 105 billed → $262.50.
  await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
    values (${clientId}, ${owner.id}, '2026-09-10', 400, 'Build', 'build'), (${clientId}, ${owner.id}, '2026-09-24', 300, 'More build', 'build')`;
  return { clientId, owner };
}

/** Stripe calls about one client (other test files leave unpushed invoices of their own in the shared database). */
const callsFor = (clientId: string, invoiceId: string) =>
  stripe.calls.filter((c) => c.idempotencyKey?.includes(clientId) || c.idempotencyKey?.includes(invoiceId));
const createdFor = (clientId: string, invoiceId: string, path: string) =>
  callsFor(clientId, invoiceId).filter((c) => c.path === path && !c.replayed).length;

const checksum = async () => {
  const rows = await admin`select (select md5(coalesce(string_agg(i::text, ',' order by id), '')) from public.invoices i) as invoices,
                                  (select count(*) from public.stripe_events) as events`;
  return rows[0];
};

function signed(event: object, opts: { secret?: string; timestamp?: number } = {}) {
  const payload = JSON.stringify(event);
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? WEBHOOK_SECRET, timestamp: opts.timestamp });
  return new Request("http://localhost/api/stripe/webhook", { method: "POST", body: payload, headers: { "stripe-signature": header, "content-type": "application/json" } });
}

function invoiceEvent(type: string, stripeInvoiceId: string, extra: object = {}) {
  return {
    id: `evt_${createHash("sha256").update(`${type}:${stripeInvoiceId}:${JSON.stringify(extra)}`).digest("hex").slice(0, 24)}`,
    object: "event", type, api_version: "2026-10-28.endive", created: Math.floor(Date.now() / 1000),
    data: { object: { id: stripeInvoiceId, object: "invoice", hosted_invoice_url: `https://pay.test/${stripeInvoiceId}`, number: "DBL-9", metadata: {}, ...extra } },
  };
}

beforeAll(async () => {
  stripe = await startStripeDouble();
  cfg = { secretKey: "sk_test_double", host: "127.0.0.1", port: stripe.port, protocol: "http" };
  process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
});
afterAll(() => stripe.close());
beforeEach(() => stripe.reset());

describe("closing a month with Stripe", () => {
  it("makes exactly the expected Stripe calls, with idempotency keys from our ids, and a rerun makes none", async () => {
    const { clientId } = await billableClient();
    const result = await closeMonth(clientId, MONTH, { actorId: null, now, stripe: cfg });
    expect(result).toMatchObject({ outcome: "closed", pushed: true });
    const id = result.invoiceId!;
    const lines = await admin`select id, kind, amount_cents::int as amount_cents from public.invoice_lines where invoice_id = ${id} order by position`;
    expect(lines.map((l) => [l.kind, l.amount_cents])).toEqual([["retainer_fee", 400000], ["overage", 26250]]);
    expect(stripe.calls.map((c) => [c.method, c.path.replace(/in_\w+/, "in_X"), c.idempotencyKey])).toEqual([
      ["POST", "/v1/customers", `rp:customer:${clientId}`],
      ["POST", "/v1/invoices", `rp:invoice:${id}:create`],
      ["POST", "/v1/invoiceitems", `rp:invoice:${id}:line:${lines[0].id}`],
      ["POST", "/v1/invoiceitems", `rp:invoice:${id}:line:${lines[1].id}`],
      ["POST", "/v1/invoices/in_X/finalize", `rp:invoice:${id}:finalize`],
      ["POST", "/v1/invoices/in_X/send", `rp:invoice:${id}:send`],
    ]);
    expect(stripe.calls[1].params).toMatchObject({ collection_method: "send_invoice", days_until_due: "14", currency: "usd", "metadata[invoice_id]": id });
    const [invoice] = await admin`select status, number, total_cents::int as total_cents, hosted_invoice_url, due_date is not null as due, pushed_at is not null as pushed from public.invoices where id = ${id}`;
    expect(invoice).toMatchObject({ status: "open", total_cents: 426250, due: true, pushed: true });
    expect(invoice.number).toMatch(/^DBL\d{4}-\d{4}$/);
    expect(invoice.hosted_invoice_url).toMatch(new RegExp(`^${stripe.url}/i/in_`));
    const [period] = await admin`select status, statement->>'totalCents' as total from public.billing_periods where client_id = ${clientId} and month = ${MONTH}`;
    expect(period).toEqual({ status: "closed", total: "426250" });

    stripe.reset();
    await expect(closeMonth(clientId, MONTH, { actorId: null, now, stripe: cfg })).resolves.toMatchObject({ outcome: "already_closed", pushed: false });
    await pushPending(cfg, now);
    expect(callsFor(clientId, id)).toEqual([]);
  });

  it("five concurrent closes make one invoice and one set of Stripe objects", async () => {
    const { clientId } = await billableClient();
    const results = await Promise.all(Array.from({ length: 5 }, () => closeMonth(clientId, MONTH, { actorId: null, now, stripe: cfg })));
    expect(results.filter((r) => r.outcome === "closed")).toHaveLength(1);
    expect(new Set(results.map((r) => r.invoiceId)).size).toBe(1);
    expect(await admin`select count(*)::int as n from public.invoices where client_id = ${clientId}`).toEqual([{ n: 1 }]);
    const created = (path: string) => createdFor(clientId, results[0].invoiceId!, path);
    expect([created("/v1/customers"), created("/v1/invoices"), created("/v1/invoiceitems")]).toEqual([1, 1, 2]);
    await pushPending(cfg, now);
    expect([created("/v1/customers"), created("/v1/invoices"), created("/v1/invoiceitems")]).toEqual([1, 1, 2]);
  });

  it("heals a push that failed after our commit, without duplicates", async () => {
    const { clientId } = await billableClient({ currency: "JPY", timezone: "Asia/Tokyo" });
    stripe.failNext(/\/finalize$/, 500, 3); // the first try and both SDK retries
    const result = await closeMonth(clientId, MONTH, { actorId: null, now, stripe: cfg });
    expect(result).toMatchObject({ outcome: "closed", pushed: false });
    const [stuck] = await admin`select status, pushed_at, push_error is not null as errored, stripe_invoice_id is not null as has_stripe from public.invoices where id = ${result.invoiceId}`;
    expect(stuck).toMatchObject({ status: "draft", pushed_at: null, errored: true, has_stripe: true });
    // The month is closed and its entries locked even though Stripe failed.
    await expect(admin`update public.time_entries set minutes = 1 where client_id = ${clientId}`.catch((e) => e.code)).resolves.toBe("RP001");

    expect(await pushPending(cfg, now)).toBeGreaterThanOrEqual(1);
    const [healed] = await admin`select status, pushed_at is not null as pushed, currency, total_cents::int as total_cents from public.invoices where id = ${result.invoiceId}`;
    expect(healed).toMatchObject({ status: "open", pushed: true, currency: "JPY", total_cents: 400000 + 26250 });
    const created = (path: string) => createdFor(clientId, result.invoiceId!, path);
    expect([created("/v1/customers"), created("/v1/invoices"), created("/v1/invoiceitems")]).toEqual([1, 1, 2]);
    const stripeInvoice = [...stripe.invoices.values()].find((i) => (i.metadata as Record<string, string>).invoice_id === result.invoiceId)!;
    expect(stripeInvoice.total).toBe(426250); // yen: the minor unit is the yen itself
  });

  it("refuses a month that has not ended in the client's zone", async () => {
    const { clientId } = await billableClient({ timezone: "Pacific/Honolulu" });
    const e = await closeMonth(clientId, "2026-11-01", { actorId: null, now, stripe: cfg }).catch((x) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).userMessage).toBe("That month has not ended yet in Pacific/Honolulu.");
  });
});

describe("local invoices (no Stripe key)", () => {
  it("are numbered from the practice's counter, one after the other, open, due after the payment terms, and never duplicated", async () => {
    const a = await billableClient();
    const b = await billableClient();
    const results = await Promise.all([a, b, a, b].map((c) => closeMonth(c.clientId, MONTH, { actorId: null, now, stripe: null })));
    const invoices = await admin`select number, status, due_date::text as due, issued_at is not null as issued from public.invoices where client_id in ${admin([a.clientId, b.clientId])}`;
    expect(invoices).toHaveLength(2);
    expect(new Set(invoices.map((i) => i.number)).size).toBe(2);
    for (const i of invoices) expect(i).toMatchObject({ status: "open", due: "2026-12-10", issued: true });
    for (const i of invoices) expect(i.number).toMatch(/^INV-\d{5}$/);
    // No other file closes while this one runs (vitest.config.ts), so the two are consecutive.
    const serials = invoices.map((i) => localInvoiceSerial(i.number)!).sort((x, y) => x - y);
    expect(serials[1] - serials[0]).toBe(1);
    expect(results.filter((r) => r.outcome === "closed")).toHaveLength(2);
    for (const r of results) expect(callsFor(r.clientId, r.invoiceId!)).toEqual([]);
  });

  it("lists every ended, unclosed month as due", async () => {
    const { clientId } = await billableClient();
    const due = (await dueMonths(now)).filter((d) => d.clientId === clientId).map((d) => d.month);
    expect(due).toEqual(["2026-08-01", "2026-09-01", "2026-10-01"]);
  });
});

describe("Stripe webhooks", () => {
  async function pushedInvoice() {
    const { clientId } = await billableClient();
    const { invoiceId } = await closeMonth(clientId, MONTH, { actorId: null, now, stripe: cfg });
    const [row] = await admin`select stripe_invoice_id from public.invoices where id = ${invoiceId}`;
    return { clientId, invoiceId: invoiceId!, stripeId: row.stripe_invoice_id as string };
  }

  it("applies each event once, whatever the duplicates and order, and never moves a status back", async () => {
    const { clientId, invoiceId, stripeId } = await pushedInvoice();
    const events = [invoiceEvent("invoice.finalized", stripeId), invoiceEvent("invoice.payment_failed", stripeId), invoiceEvent("invoice.paid", stripeId)];
    const deliveries = events.flatMap((e) => Array.from({ length: 10 }, () => e)).sort(() => Math.random() - 0.5);
    const statuses = await Promise.all(deliveries.map(async (e) => (await webhook(signed(e))).status));
    expect(new Set(statuses)).toEqual(new Set([200]));
    const [inv] = await admin`select status, paid_at is not null as paid from public.invoices where id = ${invoiceId}`;
    expect(inv).toEqual({ status: "paid", paid: true });
    expect(await admin`select count(*)::int as n from public.stripe_events where id in ${admin(events.map((e) => e.id))}`).toEqual([{ n: 3 }]);
    const changes = await admin`select data->>'eventId' as event from public.audit_events where entity_id = ${invoiceId} and action like 'invoice.stripe_%'`;
    const perEvent = new Map<string, number>();
    for (const c of changes) perEvent.set(c.event, (perEvent.get(c.event) ?? 0) + 1);
    for (const n of perEvent.values()) expect(n).toBe(1);
    const mails = await admin`select to_email from public.outbox where client_id = ${clientId} and kind = 'invoice.payment_failed'`;
    expect(mails).toHaveLength(0); // queued at most once, and withdrawn by the payment (tests/integration/webhook-order.test.ts)

    // A late "finalized" cannot reopen a paid invoice.
    const late = invoiceEvent("invoice.finalized", stripeId, { late: true });
    expect((await webhook(signed(late))).status).toBe(200);
    expect((await admin`select status from public.invoices where id = ${invoiceId}`)[0].status).toBe("paid");
  });

  it("answers 400 to tampered, unsigned and stale payloads, changing nothing", async () => {
    const { stripeId } = await pushedInvoice();
    const before = await checksum();
    const event = invoiceEvent("invoice.paid", stripeId, { attempt: randomUUID() });
    const good = signed(event);
    const tampered = new Request(good.url, { method: "POST", headers: good.headers, body: JSON.stringify({ ...event, type: "invoice.voided" }) });
    const unsigned = new Request(good.url, { method: "POST", body: JSON.stringify(event) });
    const stale = signed(event, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    const wrongSecret = signed(event, { secret: "whsec_someone_else" });
    for (const r of [tampered, unsigned, stale, wrongSecret]) expect((await webhook(r)).status).toBe(400);
    expect(await checksum()).toEqual(before);
  });

  it("answers 200 to event types and invoices it does not handle", async () => {
    expect((await webhook(signed({ id: `evt_${randomUUID()}`, object: "event", type: "customer.created", data: { object: { id: "cus_1", object: "customer" } } }))).status).toBe(200);
    expect((await webhook(signed(invoiceEvent("invoice.paid", "in_not_ours")))).status).toBe(200);
  });
});

describe("who may close", () => {
  it("RLS lets staff but not owners write invoices", async () => {
    const { clientId, owner } = await billableClient();
    const e = await asUser(owner.claims, (tx) => insertEntry(tx, { actorId: owner.id, clientId, input: { workDate: "2026-10-01", minutes: 10, description: "x", category: "build", billable: true, roadmapItemId: null } })).catch((x) => x.code);
    expect(e).toBe("42501");
    const inv = await asUser(owner.claims, (tx) => tx`insert into public.invoices (client_id, month, currency, total_cents) values (${clientId}, '2026-10-01', 'USD', 1)`).catch((x) => x.code);
    expect(inv).toBe("42501");
  });
});
