// Issue 14, items 6 and 7 (webhooks): signed Stripe events that are stale or contradict what the invoice
// already is, delivered twice each, shuffled, from 5 concurrent senders, to real invoices: Stripe invoices of the
// demo clients brought to paid, void, uncollectible or open by their own events first, and the demo's own local
// invoices named only in an event's metadata. None may be applied, change a row or leave an email the invoice
// contradicts ("payment failed" for a paid or void invoice). Then signed events of the wrong shape: each 400,
// nothing recorded.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import Stripe from "stripe";
import { addMonths } from "@/lib/domain/dates";
import { demoId } from "@/lib/dev/seed";
import type { Stack } from "../harness";

const SECRET = "whsec_stress_test_secret"; // the stack's (main() in tests/stress/run.ts)
/** The tables money, status and email live in, each with its row key. */
const TABLES: Record<string, string> = {
  invoices: "id", invoice_lines: "id", billing_periods: "client_id || ':' || month", audit_events: "id", outbox: "id",
};

type Type = "invoice.finalized" | "invoice.paid" | "invoice.payment_failed" | "invoice.voided" | "invoice.marked_uncollectible";
interface Target { id: string; stripeId: string }

/** Each row of `tables`, by key, as a hash of the whole row. */
async function rowHashes(stack: Stack, tables: Record<string, string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [table, key] of Object.entries(tables)) {
    const rows = await stack.admin.unsafe<{ k: string; h: string }[]>(`select (${key})::text as k, md5(x::text) as h from public.${table} x`);
    for (const r of rows) out.set(`${table}:${r.k}`, r.h);
  }
  return out;
}

function changedRows(before: Map<string, string>, after: Map<string, string>): number {
  let n = 0;
  for (const [k, h] of after) if (before.get(k) !== h) n++;
  for (const k of before.keys()) if (!after.has(k)) n++;
  return n;
}

async function deliver(stack: Stack, body: string, signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET })) {
  const res = await fetch(`${stack.base}/api/stripe/webhook`, { method: "POST", body, headers: { "content-type": "application/json", "stripe-signature": signature } });
  const text = await res.text();
  let reply: { result?: string; error?: { code: string; message: string } } = {};
  try {
    reply = JSON.parse(text);
  } catch {
    // not JSON: counted by its status
  }
  return { status: res.status, reply };
}

const eventBody = (id: string, type: Type, t: Target) => JSON.stringify({
  id, object: "event", type, created: Math.floor(Date.now() / 1000), livemode: false,
  data: { object: { id: t.stripeId, object: "invoice", hosted_invoice_url: `https://invoice.stripe.test/${t.stripeId}`, number: null, metadata: { invoice_id: t.id } } },
});
const evt = (seed: string) => `evt_order_${createHash("sha1").update(seed).digest("hex").slice(0, 20)}`;

export async function webhookOrder(stack: Stack, report: (line: string) => void) {
  // Stripe invoices of the demo clients in months long past (nothing else touches them), each brought to where
  // it rests by its own events, in order: these deliveries are the setup, not the attack.
  const clients = ["harbor", "kiwi", "sakura"].map((k) => demoId(`client:${k}`));
  const paths: Record<string, Type[]> = {
    paid: ["invoice.finalized", "invoice.payment_failed", "invoice.paid"],
    void: ["invoice.finalized", "invoice.payment_failed", "invoice.voided"],
    paidAfterWriteOff: ["invoice.finalized", "invoice.marked_uncollectible", "invoice.paid"],
    uncollectible: ["invoice.finalized", "invoice.payment_failed", "invoice.marked_uncollectible"],
    open: ["invoice.finalized"],
  };
  // What contradicts each resting place: every event that cannot follow it in Stripe's lifecycle, with new ids.
  const stale: Record<string, Type[]> = {
    paid: ["invoice.payment_failed", "invoice.finalized", "invoice.voided", "invoice.marked_uncollectible", "invoice.paid"],
    void: ["invoice.payment_failed", "invoice.paid", "invoice.finalized", "invoice.marked_uncollectible", "invoice.voided"],
    paidAfterWriteOff: ["invoice.payment_failed", "invoice.marked_uncollectible", "invoice.voided", "invoice.finalized"],
    uncollectible: ["invoice.finalized", "invoice.marked_uncollectible"],
    open: ["invoice.finalized"],
  };
  const kinds = Object.keys(paths);
  const targets: (Target & { kind: string })[] = [];
  for (let n = 0; n < 60; n++) {
    const stripeId = `in_order_${n}`;
    const [row] = await stack.admin<{ id: string }[]>`
      insert into public.invoices (client_id, month, status, currency, total_cents, stripe_invoice_id, pushed_at)
      values (${clients[n % 3]}, ${addMonths("1990-01-01", n)}, 'draft', 'USD', ${20_000 + n}, ${stripeId}, now()) returning id`;
    targets.push({ id: row.id, stripeId, kind: kinds[n % kinds.length] });
  }
  for (const t of targets) {
    for (const type of paths[t.kind]) {
      const { status, reply } = await deliver(stack, eventBody(evt(`setup:${t.stripeId}:${type}`), type, t));
      assert.equal(status, 200);
      assert.equal(reply.result, "applied", `setup ${t.kind} ${type}`);
    }
  }
  const resting = new Map((await stack.admin<{ id: string; status: string }[]>`
    select id, status from public.invoices where id in ${stack.admin(targets.map((t) => t.id))}`).map((r) => [r.id, r.status]));

  // The demo's own invoices (issued locally, paid): named only by metadata in events about unknown Stripe invoices.
  const local = await stack.admin<{ id: string }[]>`select id from public.invoices where stripe_invoice_id is null and pushed_at is not null and month >= '2000-01-01'`;
  const allTypes: Type[] = ["invoice.finalized", "invoice.paid", "invoice.payment_failed", "invoice.voided", "invoice.marked_uncollectible"];

  const events = [
    ...targets.flatMap((t) => stale[t.kind].map((type) => ({ body: eventBody(evt(`stale:${t.stripeId}:${type}`), type, t) }))),
    ...local.flatMap((l) => allTypes.map((type) => ({ body: eventBody(evt(`local:${l.id}:${type}`), type, { id: l.id, stripeId: `in_foreign_${l.id.slice(0, 8)}` }) }))),
  ];
  const deliveries = [...events, ...events].sort(() => Math.random() - 0.5); // each twice, shuffled

  const before = await rowHashes(stack, TABLES);
  const [{ n: eventsBefore }] = await stack.admin<{ n: number }[]>`select count(*)::int as n from public.stripe_events`;
  const replies = new Map<string, number>();
  let cursor = 0;
  const sender = async () => {
    while (cursor < deliveries.length) {
      const d = deliveries[cursor++];
      const { status, reply } = await deliver(stack, d.body);
      const key = `${status} ${reply.result ?? reply.error?.message ?? "?"}`;
      replies.set(key, (replies.get(key) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: 5 }, sender));
  const after = await rowHashes(stack, TABLES);
  const [{ n: eventsAfter }] = await stack.admin<{ n: number }[]>`select count(*)::int as n from public.stripe_events`;

  const applied = replies.get("200 applied") ?? 0;
  const finals = await stack.admin<{ id: string; status: string }[]>`select id, status from public.invoices where id in ${stack.admin(targets.map((t) => t.id))}`;
  const moved = finals.filter((f) => f.status !== resting.get(f.id)).length;
  const contradicting = await stack.admin<{ n: number }[]>`
    select count(*)::int as n from public.outbox o join public.invoices i on starts_with(o.dedupe_key, 'payment_failed:' || i.id::text || ':')
    where o.kind = 'invoice.payment_failed' and o.status = 'pending' and i.status in ('paid', 'void')`;
  const succeeded = applied + moved + contradicting[0].n;
  const rowsChanged = changedRows(before, after);
  report(`webhooks out of order: ${deliveries.length} deliveries, succeeded: ${succeeded} (stale events applied or contradicting emails), rows changed: ${rowsChanged}` +
    ` — ${events.length} stale or contradicting events, each twice, 5 senders, to ${targets.length} Stripe invoices resting ${kinds.join("/")}` +
    ` and ${local.length} local demo invoices; replies ${JSON.stringify(Object.fromEntries(replies))}; statuses moved ${moved};` +
    ` "payment failed" emails left on paid or void invoices ${contradicting[0].n}; dedupe rows added ${eventsAfter - eventsBefore} (one per event)`);
  assert.deepEqual([...replies.keys()].sort(), ["200 duplicate", "200 ignored"]);
  assert.equal(succeeded, 0);
  assert.equal(rowsChanged, 0);
  assert.equal(eventsAfter - eventsBefore, events.length);

  await malformed(stack, targets[0], report);
}

/** Signed events of the wrong shape, about a real invoice: each 400, and nothing recorded, dedupe rows included. */
async function malformed(stack: Stack, t: Target, report: (line: string) => void) {
  const object = { id: t.stripeId, object: "invoice", metadata: { invoice_id: t.id } };
  const base = (n: number) => ({ id: evt(`malformed:${n}`), object: "event", type: "invoice.payment_failed", created: 1_767_600_000 });
  const bodies = [
    { ...base(1), data: { object: null } }, { ...base(2), data: {} }, { ...base(3) }, { ...base(4), id: undefined, data: { object } },
    { ...base(5), id: 42, data: { object } }, { ...base(6), type: 7, data: { object } }, { ...base(7), data: { object: { ...object, id: undefined } } },
    { ...base(8), data: { object: { ...object, id: 9 } } }, { ...base(9), data: { object: { ...object, object: "customer" } } },
    { ...base(10), data: { object: { ...object, hosted_invoice_url: "javascript:alert(1)" } } },
    { ...base(11), data: { object: { ...object, metadata: { invoice_id: 1 } } } }, { ...base(12), type: "customer.created", data: { object: null } },
  ].map((b) => JSON.stringify(b)).concat(["null", "[]", "not json", "{\"id\":\"evt_cut"]);
  const before = await rowHashes(stack, { ...TABLES, stripe_events: "id" });
  let refused = 0;
  const replies = new Map<number, number>();
  for (let round = 0; round < 5; round++) {
    for (const body of bodies) {
      const { status, reply } = await deliver(stack, body);
      replies.set(status, (replies.get(status) ?? 0) + 1);
      if (status === 400 && reply.error?.code === "bad_request" && reply.error.message.startsWith("malformed event")) refused++;
    }
  }
  const total = bodies.length * 5;
  const rowsChanged = changedRows(before, await rowHashes(stack, { ...TABLES, stripe_events: "id" }));
  report(`malformed signed webhooks: ${total} deliveries, succeeded: ${total - refused} (answered other than 400 "malformed event"), rows changed: ${rowsChanged}` +
    ` — ${bodies.length} shapes (null, missing or mistyped data.object, id, type, invoice fields; not JSON) × 5; replies ${JSON.stringify(Object.fromEntries(replies))}`);
  assert.equal(refused, total);
  assert.equal(rowsChanged, 0);
}
