// The daily cron through its route, over HTTP with CRON_SECRET, as a scheduler calls it: with Stripe
// configured every month it closes is pushed (customer, invoice, items, finalize, send) exactly as the staff
// close does, concurrent runs make one Stripe invoice per month, and a failed push is finished by the next run.
//
// The calendar clock is fixed in 2023 (lib/platform/clock; honoured because NODE_ENV is "test"): only this file's
// clients, whose terms start in January 2023, have months due, so the runs never close other files' months.
const ENV = {
  RP_CLOCK: "2023-03-10T15:00:00Z", CRON_SECRET: "cron-test-secret-0123456789", STRIPE_SECRET_KEY: "sk_test_cron",
  STRIPE_API_HOST: "127.0.0.1", STRIPE_API_PROTOCOL: "http",
};
const saved = Object.fromEntries(["STRIPE_API_PORT", ...Object.keys(ENV)].map((k) => [k, process.env[k]]));
Object.assign(process.env, ENV);

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/cron/close-months/route";
import { GET as mailGET, POST as mailPOST } from "@/app/api/cron/send-mail/route";
import { asUser } from "@/lib/db";
import { latestJobRuns } from "@/lib/db/job-runs";
import { admin, addMember, createClient, createStaff, createUser } from "../support/fixtures";
import { serveRoutes } from "../support/route-server";
import { startStripeDouble } from "../doubles/stripe";

const SECRET = ENV.CRON_SECRET;
let stripe: Awaited<ReturnType<typeof startStripeDouble>>;
let app: Awaited<ReturnType<typeof serveRoutes>>;

const cron = (secret = SECRET) => fetch(`${app.url}/api/cron/close-months`, { method: "POST", headers: { authorization: `Bearer ${secret}` } });

/** A client on a retainer since January 2023 with work in January (within the hours) and February (over). */
async function retainedClient(opts: { currency: string; timezone: string; feeCents: number }) {
  const clientId = await createClient({ currency: opts.currency, timezone: opts.timezone });
  const [owner, engineer] = await Promise.all([createUser("cron-owner"), createStaff("cron-eng", "engineer")]);
  await addMember(clientId, owner, "owner");
  await admin`update public.clients set billing_email = 'ap@cron.test' where id = ${clientId}`;
  await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents,
      overage_rate_cents_per_hour, overage_increment_minutes)
    values (${clientId}, '2023-01-01', 600, ${opts.feeCents}, 15000, 15)`;
  await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category) values
    (${clientId}, ${engineer.id}, '2023-01-12', 480, 'Audit', 'audit'),
    (${clientId}, ${engineer.id}, '2023-02-08', 700, 'Build', 'build')`;
  return clientId;
}

const ourInvoices = (clientIds: string[]) => admin<{ id: string; clientId: string; month: string; status: string; number: string | null;
  stripeInvoiceId: string | null; pushed: boolean; totalCents: number }[]>`
  select id, client_id as "clientId", to_char(month, 'YYYY-MM-DD') as month, status, number, stripe_invoice_id as "stripeInvoiceId",
         pushed_at is not null as pushed, total_cents::int as "totalCents"
  from public.invoices where client_id in ${admin(clientIds)} order by client_id, month`;

const createdCalls = (path: RegExp) => stripe.calls.filter((c) => path.test(`${c.method} ${c.path}`) && !c.replayed);

beforeAll(async () => {
  stripe = await startStripeDouble();
  process.env.STRIPE_API_PORT = String(stripe.port);
  app = await serveRoutes({ "/api/cron/close-months": { GET, POST }, "/api/cron/send-mail": { GET: mailGET, POST: mailPOST } });
});
afterAll(async () => {
  await app.close();
  await stripe.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});
beforeEach(() => stripe.reset());

describe("the close-months cron with Stripe configured", () => {
  it("refuses without the secret and changes nothing", async () => {
    const before = await admin`select count(*)::int as n from public.invoices`;
    expect((await fetch(`${app.url}/api/cron/close-months`, { method: "POST" })).status).toBe(401);
    const refusalsBefore = (await admin`select count(*)::int as n from public.security_events where kind = 'bearer_refused' and detail like 'cron:%'`)[0].n as number;
    expect((await cron("wrong")).status).toBe(401);
    expect(await admin`select count(*)::int as n from public.invoices`).toEqual(before);
    // The refusal is on the security record, naming the door and never the secret sent (ASVS 16.3.1).
    const refusals = await admin<{ detail: string }[]>`select detail from public.security_events where kind = 'bearer_refused' and detail like 'cron:%' order by at desc`;
    expect(refusals.length).toBe(refusalsBefore + 1);
    expect(refusals[0].detail).toBe("cron: /api/cron/close-months without the cron secret");
    expect(refusals.map((r) => r.detail).join(" ")).not.toContain("wrong");
    expect(stripe.calls).toEqual([]);
  });

  it("hit three times at once and then again: one finalized, sent Stripe invoice per closed month, none local", async () => {
    const usd = await retainedClient({ currency: "USD", timezone: "America/Los_Angeles", feeCents: 400_000 });
    const jpy = await retainedClient({ currency: "JPY", timezone: "Asia/Tokyo", feeCents: 600_000 });

    const responses = await Promise.all([cron(), cron(), cron()]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    const reports = await Promise.all(responses.map((r) => r.json()));
    expect(reports.reduce((n, r) => n + r.closed, 0)).toBe(4); // Jan and Feb of both, each closed by exactly one run
    expect(reports.every((r) => r.failed === 0)).toBe(true);
    const again = await cron();
    expect(await again.json()).toMatchObject({ closed: 0, failed: 0 });

    const invoices = await ourInvoices([usd, jpy]);
    expect(invoices.map((i) => i.month).sort()).toEqual(["2023-01-01", "2023-01-01", "2023-02-01", "2023-02-01"]);
    for (const i of invoices) {
      expect(i).toMatchObject({ status: "open", pushed: true });
      expect(i.number).toMatch(/^DBL\d{4}-\d{4}$/); // Stripe's number: none was issued locally
      const remote = stripe.invoices.get(i.stripeInvoiceId!)!;
      expect(remote).toMatchObject({ status: "open", collection_method: "send_invoice", total: i.totalCents });
      expect(remote.metadata).toMatchObject({ invoice_id: i.id, client_id: i.clientId, month: i.month });
      expect(createdCalls(new RegExp(`^POST /v1/invoices/${i.stripeInvoiceId}/finalize$`))).toHaveLength(1);
      expect(createdCalls(new RegExp(`^POST /v1/invoices/${i.stripeInvoiceId}/send$`))).toHaveLength(1);
    }
    // One Stripe invoice per month, one customer per client, fee + overage lines where February went over.
    const remote = [...stripe.invoices.values()].filter((r) => [usd, jpy].includes((r.metadata as Record<string, string>).client_id));
    expect(remote).toHaveLength(4);
    expect(createdCalls(/^POST \/v1\/customers$/).filter((c) => [usd, jpy].includes(c.params["metadata[client_id]"]))).toHaveLength(2);
    const feb = invoices.find((i) => i.clientId === usd && i.month === "2023-02-01")!;
    expect(stripe.invoices.get(feb.stripeInvoiceId!)!.lines.map((l) => l.amount)).toEqual([400_000, 26_250]); // 100 min over → 105 billed (15-min steps) → $262.50
    const jan = invoices.find((i) => i.clientId === jpy && i.month === "2023-01-01")!;
    expect(stripe.invoices.get(jan.stripeInvoiceId!)!.lines.map((l) => l.amount)).toEqual([600_000]);
    const audits = await admin`select count(*)::int as n from public.audit_events where action = 'invoice.issued' and client_id in ${admin([usd, jpy])}`;
    expect(audits[0].n).toBe(4);
  });

  it("a push that fails is finished by the next run, without a second Stripe invoice", async () => {
    const clientId = await retainedClient({ currency: "EUR", timezone: "Europe/Dublin", feeCents: 300_000 });
    stripe.failNext(/^POST \/v1\/invoices\/in_\w+\/finalize$/, 500, 1000); // every finalize of this run, retries included
    const first = await (await cron()).json();
    expect(first.closed).toBe(2);
    let invoices = await ourInvoices([clientId]);
    expect(invoices.map((i) => [i.status, i.pushed])).toEqual([["draft", false], ["draft", false]]);
    const [error] = await admin`select count(*)::int as n from public.invoices where client_id = ${clientId} and push_error is not null`;
    expect(error.n).toBe(2);

    stripe.reset();
    const second = await (await cron()).json();
    expect(second).toMatchObject({ closed: 0, failed: 0 });
    expect(second.pushed).toBeGreaterThanOrEqual(2);
    invoices = await ourInvoices([clientId]);
    expect(invoices.map((i) => [i.status, i.pushed])).toEqual([["open", true], ["open", true]]);
    const ids = invoices.map((i) => i.id);
    const creates = createdCalls(/^POST \/v1\/invoices$/).filter((c) => ids.includes(c.params["metadata[invoice_id]"]));
    expect(creates).toHaveLength(0); // the invoices made by the first run were reused
    expect([...stripe.invoices.values()].filter((r) => (r.metadata as Record<string, string>).client_id === clientId)).toHaveLength(2);
  });

  it("without a Stripe key the same run issues local invoices and calls nobody", async () => {
    const clientId = await retainedClient({ currency: "USD", timezone: "America/New_York", feeCents: 250_000 });
    delete process.env.STRIPE_SECRET_KEY;
    try {
      expect(await (await cron()).json()).toMatchObject({ closed: 2, failed: 0 });
    } finally {
      process.env.STRIPE_SECRET_KEY = "sk_test_cron";
    }
    const invoices = await ourInvoices([clientId]);
    expect(invoices.map((i) => [i.status, i.pushed, i.stripeInvoiceId])).toEqual([["open", true, null], ["open", true, null]]);
    for (const i of invoices) expect(i.number).toMatch(/^INV-\d{5}$/);
    expect(stripe.calls.filter((c) => c.idempotencyKey?.includes(clientId) || invoices.some((i) => c.idempotencyKey?.includes(i.id)))).toEqual([]);
  });
});

describe("scheduled jobs as Vercel Cron and other schedulers call them (issue 30)", () => {
  const runs = async (job: string) => (await admin<{ n: number }[]>`select count(*)::int as n from public.job_runs where job = ${job}`)[0].n;

  it("GET and POST with the secret run the job and record the run; without it, 401 and no record", async () => {
    const before = { close: await runs("close-months"), mail: await runs("send-mail") };
    for (const path of ["/api/cron/close-months", "/api/cron/send-mail"]) {
      expect((await fetch(`${app.url}${path}`)).status).toBe(401);
      expect((await fetch(`${app.url}${path}`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    }
    expect({ close: await runs("close-months"), mail: await runs("send-mail") }).toEqual(before);

    const viaGet = await fetch(`${app.url}/api/cron/close-months`, { headers: { authorization: `Bearer ${SECRET}` } });
    expect(viaGet.status).toBe(200);
    expect(await viaGet.json()).toMatchObject({ failed: 0 });
    const mail = await fetch(`${app.url}/api/cron/send-mail`, { headers: { authorization: `Bearer ${SECRET}` } });
    expect(mail.status).toBe(200);
    expect(await runs("close-months")).toBe(before.close + 1);
    expect(await runs("send-mail")).toBe(before.mail + 1);

    const [last] = await admin`select ok, finished_at is not null as finished, summary from public.job_runs where job = 'close-months' order by started_at desc limit 1`;
    expect(last).toMatchObject({ ok: true, finished: true, summary: { failed: 0 } });
  });

  it("admins read the runs; engineers and owners read none", async () => {
    const adminUser = await createStaff("jobs-admin", "admin");
    const engineer = await createStaff("jobs-eng", "engineer");
    const owner = await createUser("jobs-owner");
    await admin`insert into public.job_runs (job, ok, finished_at) values ('close-months', true, now()), ('send-mail', false, now())`;
    const seen = await asUser(adminUser.claims, (tx) => latestJobRuns(tx));
    // Other files' runs share the database: the two just recorded are among what the admin reads.
    expect(seen.map((r) => r.job)).toEqual(expect.arrayContaining(["close-months", "send-mail"]));
    for (const who of [engineer, owner]) expect(await asUser(who.claims, (tx) => latestJobRuns(tx))).toEqual([]);
  });
});
