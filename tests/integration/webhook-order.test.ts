// Stripe webhooks in any order, through the real route over HTTP with payloads signed by the real SDK.
//
// Every ordering of the five invoice events (5! = 120), each event delivered twice, twice over: once with every
// delivery repeated right after itself (a e a e b b …) and once as the whole sequence twice (a b … a b …). For
// each ordering, against an oracle written from Stripe's table of invoice transitions: the final status, the
// reply to every delivery ("applied", "ignored" when stale, "duplicate"), one audit row per applied event and
// none for the others, and no "payment failed" email left that the final status contradicts. Then the
// lifecycles Stripe really produces (whose final status is the same in every order), concurrent deliveries, the
// one email that cannot be taken back, and the status table against the database's own trigger.
import { randomUUID } from "node:crypto";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/stripe/webhook/route";
import { canMove, INVOICE_STATUSES } from "@/lib/domain/invoice-status";
import { addMember, admin, createClient, createUser } from "../support/fixtures";
import { serveRoutes } from "../support/route-server";

const SECRET = "whsec_webhook_order_test_secret";
const saved = process.env.STRIPE_WEBHOOK_SECRET;
let app: Awaited<ReturnType<typeof serveRoutes>>;
let clientId: string;
const run = randomUUID().slice(0, 8);

type EventType = "invoice.finalized" | "invoice.paid" | "invoice.payment_failed" | "invoice.voided" | "invoice.marked_uncollectible";
type Status = "draft" | "open" | "paid" | "void" | "uncollectible";
const TYPES: EventType[] = ["invoice.finalized", "invoice.paid", "invoice.payment_failed", "invoice.voided", "invoice.marked_uncollectible"];

// The oracle: Stripe's "Status transitions and finalization" table (docs.stripe.com/invoicing/integration/
// workflow-transitions): for each event, the statuses it applies in and the status it leaves. A row behind
// Stripe may skip a step (draft + paid = finalized, then paid). Paid and void are final; a failed payment
// leaves an open or uncollectible invoice as it is.
const STRIPE_TABLE: Record<EventType, Partial<Record<Status, Status>>> = {
  "invoice.finalized": { draft: "open" },
  "invoice.paid": { draft: "paid", open: "paid", uncollectible: "paid" },
  "invoice.voided": { draft: "void", open: "void", uncollectible: "void" },
  "invoice.marked_uncollectible": { draft: "uncollectible", open: "uncollectible" },
  "invoice.payment_failed": { draft: "draft", open: "open", uncollectible: "uncollectible" },
};

interface Expected {
  replies: string[];
  final: Status;
  applied: string[]; // event ids with an audit row
  withdrawn: Map<string, number>; // event id of a payment or void → "payment failed" emails it withdrew
  pendingFailedMails: number;
}

function oracle(deliveries: { id: string; type: EventType }[]): Expected {
  let status: Status = "draft";
  const seen = new Set<string>();
  const out: Expected = { replies: [], final: "draft", applied: [], withdrawn: new Map(), pendingFailedMails: 0 };
  for (const d of deliveries) {
    if (seen.has(d.id)) {
      out.replies.push("duplicate");
      continue;
    }
    seen.add(d.id);
    const to: Status | undefined = STRIPE_TABLE[d.type][status];
    if (!to) {
      out.replies.push("ignored");
      continue;
    }
    out.replies.push("applied");
    out.applied.push(d.id);
    status = to;
    if (d.type === "invoice.payment_failed") out.pendingFailedMails++;
    if ((to === "paid" || to === "void") && out.pendingFailedMails > 0) {
      out.withdrawn.set(d.id, out.pendingFailedMails);
      out.pendingFailedMails = 0;
    }
  }
  out.final = status;
  return out;
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

interface Target {
  id: string;
  stripeId: string;
  n: number;
}

let months = 0;
/** Invoices of this file's client waiting for Stripe's news: draft, already pushed (so no push job takes them). */
async function invoices(count: number, status: Status = "draft"): Promise<Target[]> {
  const start = months;
  months += count;
  const rows = Array.from({ length: count }, (_, i) => {
    const n = start + i;
    const month = `${2000 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}-01`;
    return { client_id: clientId, month, status, currency: "USD", total_cents: 12_345, stripe_invoice_id: `in_wo_${run}_${n}`, pushed_at: new Date("2026-01-05T10:00:00Z") };
  });
  const inserted = await admin<{ id: string; stripeId: string }[]>`
    insert into public.invoices ${admin(rows, "client_id", "month", "status", "currency", "total_cents", "stripe_invoice_id", "pushed_at")}
    returning id, stripe_invoice_id as "stripeId"`;
  return inserted.map((r) => ({ ...r, n: Number(r.stripeId.split("_").pop()) }));
}

const eventId = (t: Target, type: string, k = 0) => `evt_wo_${run}_${t.n}_${type.replace("invoice.", "")}${k ? `_${k}` : ""}`;

function payload(t: Target, id: string, type: EventType) {
  return JSON.stringify({
    id, object: "event", type, api_version: "2026-10-28.endive", created: 1_767_600_000, livemode: false,
    data: {
      object: {
        id: t.stripeId, object: "invoice", number: `WO-${run}-${t.n}`, hosted_invoice_url: `https://pay.test/${t.stripeId}`,
        metadata: { invoice_id: t.id },
      },
    },
  });
}

async function deliver(t: Target, d: { id: string; type: EventType }): Promise<string> {
  const body = payload(t, d.id, d.type);
  const res = await fetch(`${app.url}/api/stripe/webhook`, {
    method: "POST", body, headers: { "content-type": "application/json", "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET }) },
  });
  const reply = (await res.json()) as { result?: string; error?: string };
  if (res.status !== 200) throw new Error(`delivery ${d.id} answered ${res.status}: ${JSON.stringify(reply)}`);
  return reply.result!;
}

/** Runs every case (its deliveries in order, one after another), `width` cases at a time. */
async function runCases(cases: { target: Target; deliveries: { id: string; type: EventType }[] }[], width = 6) {
  const replies = new Map<string, string[]>();
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < cases.length) {
      const c = cases[next++];
      const got: string[] = [];
      for (const d of c.deliveries) got.push(await deliver(c.target, d));
      replies.set(c.target.id, got);
    }
  }));
  return replies;
}

async function stateOf(targets: Target[]) {
  const ids = targets.map((t) => t.id);
  const [rows, audits, mails, events] = await Promise.all([
    admin<{ id: string; status: Status; number: string | null; paid: boolean }[]>`
      select id, status, number, paid_at is not null as paid from public.invoices where id in ${admin(ids)}`,
    admin<{ entityId: string; action: string; eventId: string; withdrawn: number | null }[]>`
      select entity_id as "entityId", action, data->>'eventId' as "eventId", (data->>'withdrawnMails')::int as withdrawn
      from public.audit_events where client_id = ${clientId} and entity_id in ${admin(ids)}`,
    admin<{ key: string; kind: string; status: string }[]>`
      select dedupe_key as key, kind, status from public.outbox where client_id = ${clientId}`,
    admin<{ id: string; processed: boolean }[]>`
      select id, processed_at is not null as processed from public.stripe_events where id like ${`evt_wo_${run}_%`}`,
  ]);
  return {
    invoice: new Map(rows.map((r) => [r.id, r])),
    auditsOf: (id: string) => audits.filter((a) => a.entityId === id),
    mailsOf: (id: string) => mails.filter((m) => m.key?.startsWith(`payment_failed:${id}:`)),
    allMails: mails,
    events: new Map(events.map((e) => [e.id, e])),
  };
}

/** Checks every case against the oracle; returns the expectations for extra checks. */
async function checkAll(cases: { target: Target; deliveries: { id: string; type: EventType }[] }[], replies: Map<string, string[]>) {
  const state = await stateOf(cases.map((c) => c.target));
  const expectations = new Map<string, Expected>();
  for (const c of cases) {
    const want = oracle(c.deliveries);
    expectations.set(c.target.id, want);
    const label = c.deliveries.map((d) => d.type.replace("invoice.", "")).join(" ");
    const inv = state.invoice.get(c.target.id)!;
    expect({ label, status: inv.status, replies: replies.get(c.target.id) }).toEqual({ label, status: want.final, replies: want.replies });
    expect(inv.number).toBe(`WO-${run}-${c.target.n}`); // filled by the first move, whichever event it was
    expect(inv.paid).toBe(want.final === "paid");
    const audits = state.auditsOf(c.target.id);
    expect(audits.map((a) => a.eventId).sort(), label).toEqual([...want.applied].sort());
    for (const a of audits) {
      expect(a.action).toBe(c.deliveries.find((d) => d.id === a.eventId)!.type.replace("invoice.", "invoice.stripe_"));
      expect(a.withdrawn ?? 0, label).toBe(want.withdrawn.get(a.eventId) ?? 0);
    }
    const mails = state.mailsOf(c.target.id);
    expect(mails.length, label).toBe(want.pendingFailedMails);
    expect(mails.every((m) => m.kind === "invoice.payment_failed" && m.status === "pending")).toBe(true);
    if (want.final === "paid" || want.final === "void") expect(mails, label).toEqual([]);
    for (const d of c.deliveries) expect(state.events.get(d.id)).toEqual({ id: d.id, processed: true });
  }
  return { state, expectations };
}

beforeAll(async () => {
  process.env.STRIPE_WEBHOOK_SECRET = SECRET;
  app = await serveRoutes({ "/api/stripe/webhook": { POST } });
  clientId = await createClient({ name: `Webhook order ${run}` });
  await addMember(clientId, await createUser("wo-owner"), "owner");
});
afterAll(async () => {
  await app.close();
  if (saved === undefined) delete process.env.STRIPE_WEBHOOK_SECRET;
  else process.env.STRIPE_WEBHOOK_SECRET = saved;
});

describe("the five invoice events in every order, each delivered twice", () => {
  it("120 orderings × 10 deliveries, each delivery repeated at once, and again as the whole sequence twice", async () => {
    const orders = permutations(TYPES);
    expect(orders).toHaveLength(120);
    const targets = await invoices(240);
    const cases = orders.flatMap((order, i) => {
      const adjacent = targets[i];
      const twice = targets[120 + i];
      const ofAdjacent = order.map((type) => ({ id: eventId(adjacent, type), type }));
      const ofTwice = order.map((type) => ({ id: eventId(twice, type), type }));
      return [
        { target: adjacent, deliveries: ofAdjacent.flatMap((d) => [d, d]) },
        { target: twice, deliveries: [...ofTwice, ...ofTwice] },
      ];
    });
    const replies = await runCases(cases);
    const { state, expectations } = await checkAll(cases, replies);

    // Whichever of paid and void came first is final; every later event is stale, and its reply says so.
    const finals = [...expectations.values()].map((e) => e.final);
    expect(finals.filter((f) => f === "paid")).toHaveLength(120);
    expect(finals.filter((f) => f === "void")).toHaveLength(120);
    const stale = [...replies.values()].flat().filter((r) => r === "ignored").length;
    expect(stale).toBeGreaterThan(240); // at least the one of paid/void that lost, in every case
    // A "payment failed" email was queued whenever the failure came before the payment or void, and withdrawn by it.
    const withdrawn = [...expectations.values()].filter((e) => e.withdrawn.size > 0).length;
    expect(withdrawn).toBeGreaterThan(0);
    expect(state.allMails.filter((m) => m.kind !== "invoice.payment_failed")).toEqual([]);
  }, 60_000);
});

describe("the lifecycles Stripe produces end the same in every order", () => {
  const lifecycles: { events: (EventType | "invoice.payment_failed#2")[]; final: Status; mails: number }[] = [
    // A failed payment, written off, then paid after all.
    { events: ["invoice.finalized", "invoice.payment_failed", "invoice.marked_uncollectible", "invoice.paid"], final: "paid", mails: 0 },
    { events: ["invoice.finalized", "invoice.payment_failed", "invoice.voided"], final: "void", mails: 0 },
    // The "payment failed" email stays true of an uncollectible invoice: it can still be paid.
    { events: ["invoice.finalized", "invoice.payment_failed", "invoice.marked_uncollectible"], final: "uncollectible", mails: 1 },
    // Two failed attempts are two real changes: one email each, whatever the order and duplicates.
    { events: ["invoice.finalized", "invoice.payment_failed", "invoice.payment_failed#2"], final: "open", mails: 2 },
  ];
  for (const life of lifecycles) {
    it(`${life.events.map((e) => e.replace("invoice.", "")).join(", ")} → ${life.final}, ${life.mails} email(s)`, async () => {
      const orders = permutations(life.events);
      const targets = await invoices(orders.length);
      const cases = orders.map((order, i) => ({
        target: targets[i],
        deliveries: order.flatMap((e) => {
          const [type, k] = e.split("#") as [EventType, string | undefined];
          const d = { id: eventId(targets[i], type, Number(k ?? 0)), type };
          return [d, d];
        }),
      }));
      const replies = await runCases(cases);
      const { state, expectations } = await checkAll(cases, replies);
      for (const c of cases) {
        expect(expectations.get(c.target.id)!.final).toBe(life.final);
        expect(state.mailsOf(c.target.id)).toHaveLength(life.mails);
      }
    });
  }
});

describe("deliveries of one invoice at the same time", () => {
  it("a payment and a failed payment arriving together: paid, and no \"payment failed\" email left", async () => {
    const targets = await invoices(30, "open");
    const replies = await Promise.all(targets.map(async (t) => {
      const paid = { id: eventId(t, "invoice.paid"), type: "invoice.paid" as const };
      const failed = { id: eventId(t, "invoice.payment_failed"), type: "invoice.payment_failed" as const };
      return (await Promise.all([paid, failed, paid, failed].map((d) => deliver(t, d)))).sort();
    }));
    const state = await stateOf(targets);
    for (const [i, t] of targets.entries()) {
      expect(state.invoice.get(t.id)!.status).toBe("paid");
      expect(state.mailsOf(t.id)).toEqual([]);
      // The failure was applied (then withdrawn by the payment) or came second and was ignored.
      expect([["applied", "applied", "duplicate", "duplicate"], ["applied", "duplicate", "duplicate", "ignored"]]).toContainEqual(replies[i]);
      const audits = state.auditsOf(t.id);
      const failedApplied = audits.some((a) => a.action === "invoice.stripe_payment_failed");
      expect(audits.find((a) => a.action === "invoice.stripe_paid")!.withdrawn ?? 0).toBe(failedApplied ? 1 : 0);
    }
  });
});

describe("the one email that cannot be taken back", () => {
  it("a \"payment failed\" email already sent stays sent when the payment arrives; the payment still applies", async () => {
    const [t] = await invoices(1, "open");
    expect(await deliver(t, { id: eventId(t, "invoice.payment_failed"), type: "invoice.payment_failed" })).toBe("applied");
    // The sender delivered it (what lib/mail/send.ts records after SMTP accepted it).
    await admin`update public.outbox set status = 'sent', sent_at = now(), attempts = 1 where starts_with(dedupe_key, ${`payment_failed:${t.id}:`})`;
    expect(await deliver(t, { id: eventId(t, "invoice.paid"), type: "invoice.paid" })).toBe("applied");
    const state = await stateOf([t]);
    expect(state.invoice.get(t.id)!.status).toBe("paid");
    expect(state.mailsOf(t.id).map((m) => m.status)).toEqual(["sent"]);
    expect(state.auditsOf(t.id).find((a) => a.action === "invoice.stripe_paid")!.withdrawn).toBeNull();
  });
});

describe("which invoice an event is about", () => {
  it("the metadata finds only an invoice whose push crashed before storing the Stripe id", async () => {
    const [local, tied] = await invoices(2, "open");
    const [crashed] = await invoices(1);
    // A local invoice (no Stripe id, issued here) and one tied to another Stripe invoice are never found by metadata.
    await admin`update public.invoices set stripe_invoice_id = null where id = ${local.id}`;
    await admin`update public.invoices set stripe_invoice_id = null, pushed_at = null where id = ${crashed.id}`;
    const stranger = (t: Target) => ({ ...t, stripeId: `in_stranger_${run}_${t.n}` });
    expect(await deliver(stranger(local), { id: eventId(local, "invoice.payment_failed"), type: "invoice.payment_failed" })).toBe("ignored");
    expect(await deliver(stranger(tied), { id: eventId(tied, "invoice.voided"), type: "invoice.voided" })).toBe("ignored");
    expect(await deliver(stranger(crashed), { id: eventId(crashed, "invoice.finalized"), type: "invoice.finalized" })).toBe("applied");
    const state = await stateOf([local, tied, crashed]);
    expect([local, tied, crashed].map((t) => state.invoice.get(t.id)!.status)).toEqual(["open", "open", "open"]);
    expect([local, tied].flatMap((t) => [...state.auditsOf(t.id), ...state.mailsOf(t.id)])).toEqual([]);
  });
});

describe("the status table", () => {
  it("allows exactly the moves the database trigger allows", async () => {
    for (const from of INVOICE_STATUSES) {
      for (const to of INVOICE_STATUSES) {
        if (from === to) continue;
        const [t] = await invoices(1, from); // inserted in `from`: the trigger guards moves, not where a row starts
        const moved = await admin`update public.invoices set status = ${to} where id = ${t.id}`.then(() => true, (e) => {
          expect(e.code).toBe("RP003");
          return false;
        });
        expect({ from, to, moved }).toEqual({ from, to, moved: canMove(from, to) });
      }
    }
  });
});
