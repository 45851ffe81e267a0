// Signed webhook payloads that are not well-formed events, through the real route over HTTP: each is refused
// with 400 and a short JSON message, logged once at warn (never an error), and nothing is recorded — a
// well-formed event with the same id is still applied afterwards. Unsigned and badly signed ones stay refused
// as "invalid signature", each leaving one security-event line (bearer_refused, never the body) and nothing else.
import { randomUUID } from "node:crypto";
import pino from "pino";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addMember, admin, createClient, createUser } from "../support/fixtures";
import { serveRoutes } from "../support/route-server";

const SECRET = "whsec_webhook_malformed_test_secret";
const saved = { secret: process.env.STRIPE_WEBHOOK_SECRET, level: process.env.LOG_LEVEL };
let app: Awaited<ReturnType<typeof serveRoutes>>;
type Target = { id: string; stripeId: string };
let target: Target;
const lines: { level: number; scope?: string; msg: string; problem?: string; eventId?: string }[] = [];

beforeAll(async () => {
  process.env.STRIPE_WEBHOOK_SECRET = SECRET;
  process.env.LOG_LEVEL = "warn"; // read when the logger loads, so the route is imported after this
  const [{ POST }, { log }] = await Promise.all([import("@/app/api/stripe/webhook/route"), import("@/lib/platform/log")]);
  // Every line the app's logger writes, as written (after redaction and scrubbing), kept here instead of stdout.
  const stream = (log as unknown as Record<symbol, { write: (line: string) => boolean }>)[pino.symbols.streamSym];
  vi.spyOn(stream, "write").mockImplementation((line: string) => {
    lines.push(JSON.parse(line));
    return true;
  });
  app = await serveRoutes({ "/api/stripe/webhook": { POST } });
  target = await openInvoice();
});
afterAll(async () => {
  await app.close();
  vi.restoreAllMocks();
  for (const [k, v] of [["STRIPE_WEBHOOK_SECRET", saved.secret], ["LOG_LEVEL", saved.level]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** An open invoice of its own client, pushed to "Stripe" (so no push job takes it). */
async function openInvoice(): Promise<Target> {
  const clientId = await createClient();
  await addMember(clientId, await createUser("malformed-owner"), "owner");
  const stripeId = `in_malformed_${randomUUID().slice(0, 8)}`;
  const [row] = await admin<{ id: string }[]>`
    insert into public.invoices (client_id, month, status, currency, total_cents, stripe_invoice_id, number, pushed_at)
    values (${clientId}, '2024-03-01', 'open', 'USD', 50000, ${stripeId}, ${`MAL-${stripeId}`}, '2024-04-01T09:00:00Z') returning id`;
  return { id: row.id, stripeId };
}

const post = (body: string, signature: string | null = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET })) =>
  fetch(`${app.url}/api/stripe/webhook`, { method: "POST", body, headers: { "content-type": "application/json", ...(signature ? { "stripe-signature": signature } : {}) } });

const invoiceObject = (t = target) => ({ id: t.stripeId, object: "invoice", number: "MAL-9", hosted_invoice_url: "https://pay.test/x", metadata: { invoice_id: t.id } });
const event = (over: Record<string, unknown> = {}, t = target) => ({
  id: `evt_mal_${randomUUID()}`, object: "event", type: "invoice.payment_failed", created: 1_767_600_000, data: { object: invoiceObject(t) }, ...over,
});
const withObject = (over: Record<string, unknown>) => event({ data: { object: { ...invoiceObject(), ...over } } });

/** Everything a delivery could have recorded: the invoice, event dedupe rows, audit rows, email. */
const checksum = async () => (await admin`
  select (select md5(string_agg(i::text, ',' order by id)) from public.invoices i) as invoices,
         (select count(*)::int from public.stripe_events) as events,
         (select count(*)::int from public.audit_events) as audits,
         (select count(*)::int from public.outbox) as mails`)[0];

const MALFORMED: [string, () => unknown, RegExp][] = [
  ["data.object is null", () => event({ data: { object: null } }), /^malformed event: data\.object: expected object, received null$/],
  ["data.object is missing", () => event({ data: {} }), /data\.object/],
  ["data is missing", () => event({ data: undefined }), /data/],
  ["data.object is an array", () => event({ data: { object: [] } }), /data\.object/],
  ["the id is missing", () => event({ id: undefined }), /^malformed event: id: /],
  ["the id is a number", () => event({ id: 42 }), /id: expected string, received number/],
  ["the id is empty", () => event({ id: "" }), /id/],
  ["the type is a number", () => event({ type: 7 }), /type/],
  ["the invoice has no id", () => withObject({ id: undefined }), /data\.object\.id/],
  ["the invoice id is a number", () => withObject({ id: 12 }), /data\.object\.id/],
  ["the object is not an invoice", () => withObject({ object: "customer" }), /data\.object\.object/],
  ["the pay link is a number", () => withObject({ hosted_invoice_url: 5 }), /data\.object\.hosted_invoice_url/],
  ["the pay link is a script", () => withObject({ hosted_invoice_url: "javascript:alert(1)" }), /data\.object\.hosted_invoice_url/],
  ["metadata.invoice_id is a number", () => withObject({ metadata: { invoice_id: 3 } }), /data\.object\.metadata\.invoice_id/],
  ["an unhandled type with a null object", () => event({ type: "customer.created", data: { object: null } }), /data\.object/],
  ["the body is null", () => null, /^malformed event: expected object, received null$/],
  ["the body is an array", () => [], /expected object/],
];

describe("a signed event of the wrong shape", () => {
  for (const [name, build, message] of MALFORMED) {
    it(`${name}: 400, one warning, nothing recorded`, async () => {
      const before = await checksum();
      const logged = lines.length;
      const payload = build();
      const res = await post(JSON.stringify(payload));
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("bad_request");
      expect(Object.keys(body)).toEqual(["error"]);
      expect(body.error.message).toMatch(message);
      expect(body.error.message.length).toBeLessThan(150);
      const mine = lines.slice(logged);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ level: 40, scope: "stripe.webhook", msg: "malformed webhook event refused" });
      expect(`malformed event: ${mine[0].problem}`).toBe(body.error.message);
      expect(JSON.stringify(mine[0])).not.toContain("pay.test"); // the payload itself is never logged
      expect(await checksum()).toEqual(before);

      // Nothing was recorded under its id: the same id, well formed, is a first delivery and applies.
      const id = (payload as { id?: unknown } | null)?.id;
      if (typeof id === "string" && id) {
        const good = await post(JSON.stringify(event({ id })));
        expect(await good.json()).toEqual({ received: true, result: "applied" });
      }
    });
  }

  it("a signed body that is not JSON: 400, one warning, nothing recorded", async () => {
    for (const body of ["not json at all", "{\"id\": \"evt_cut", "\u0000"]) {
      const before = await checksum();
      const logged = lines.length;
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { code: "bad_request", message: "malformed event: the body is not a JSON event", fields: {} } });
      expect(lines.slice(logged).map((l) => l.level)).toEqual([40]);
      expect(await checksum()).toEqual(before);
    }
  });
});

describe("unsigned and badly signed payloads", () => {
  it("stay refused as an invalid signature, whatever the body, each on the security record and nothing else logged", async () => {
    const before = await checksum();
    const logged = lines.length;
    const good = JSON.stringify(event());
    const cases: [string, string | null][] = [
      [good, null],
      [good, ""],
      [good, Stripe.webhooks.generateTestHeaderString({ payload: good, secret: "whsec_someone_else" })],
      [good, Stripe.webhooks.generateTestHeaderString({ payload: good, secret: SECRET, timestamp: Math.floor(Date.now() / 1000) - 301 })],
      [JSON.stringify(event({ data: { object: null } })), Stripe.webhooks.generateTestHeaderString({ payload: good, secret: SECRET })],
      ["not json", "t=1,v1=deadbeef"],
      ["", Stripe.webhooks.generateTestHeaderString({ payload: "", secret: SECRET })], // the SDK verifies no empty body
    ];
    for (const [body, signature] of cases) {
      const res = await post(body, signature);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { code: "bad_request", message: "invalid signature", fields: {} } });
    }
    const mine = lines.slice(logged) as unknown as { scope: string; msg: string; event: string; detail: string }[];
    expect(mine.map((l) => [l.scope, l.msg, l.event, l.detail])).toEqual(cases.map(() => ["security", "security event", "bearer_refused", "Stripe webhook: a bad or stale signature"]));
    expect(JSON.stringify(mine)).not.toContain("not json");
    expect(await checksum()).toEqual(before);
  });
});

describe("nothing a well-formed delivery does is logged as a problem", () => {
  it("applied, ignored and duplicate deliveries write no warning or error", async () => {
    const own = await openInvoice();
    const logged = lines.length;
    const paid = JSON.stringify(event({ type: "invoice.paid" }, own));
    const replies = [];
    for (const body of [paid, paid, JSON.stringify(event({ type: "invoice.finalized" }, own)), JSON.stringify(event({ type: "customer.created", data: { object: { id: "cus_1" } } }))]) {
      replies.push(((await (await post(body)).json()) as { result: string }).result);
    }
    expect(replies).toEqual(["applied", "duplicate", "ignored", "ignored"]);
    expect(lines.slice(logged)).toEqual([]);
  });
});
