// Reminders of unpaid invoices (issue 27), against every status ordering: the ladder reminds an open invoice
// once per rung, through the outbox, to its owners and billing contact; never a draft, paid, void or
// uncollectible one; a payment (marked paid, or Stripe's webhook) stops the next rung and withdraws a reminder
// still waiting; Stripe invoices get none while Stripe sends its own; concurrent runs send each rung once; a
// late run sends one rung. The settings refuse a bad ladder with field errors and change no row; nobody signed
// in writes a reminder, and only staff and owners read them.
//
// Days are the client's (Pacific/Auckland, +13 in the southern summer); every date is in 2030, after the real
// clock and every other file's invoices, and each scenario has a client of its own.
const ENV = { RP_CLOCK: "2030-03-20T12:00:00Z", CRON_SECRET: "reminders-test-secret-0123456789", STRIPE_WEBHOOK_SECRET: "whsec_reminders_test" };
const saved = Object.fromEntries(Object.keys(ENV).map((k) => [k, process.env[k]]));
Object.assign(process.env, ENV);

import { createHash, randomUUID } from "node:crypto";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as remindersCron } from "@/app/api/cron/send-reminders/route";
import { POST as webhook } from "@/app/api/stripe/webhook/route";
import type { Session } from "@/lib/auth/session";
import { markPaid, updatePractice } from "@/lib/billing/commands";
import { sendDueReminders } from "@/lib/billing/reminders";
import { execute } from "@/lib/commands/execute";
import { asUser } from "@/lib/db";
import { getClientAccess } from "@/lib/db/clients";
import { listInvoiceReminders } from "@/lib/db/reminders";
import { loadViewer } from "@/lib/db/viewer";
import { seesMoney } from "@/lib/domain/access";
import type { ClientPage } from "@/lib/pages/access";
import { viewInvoice } from "@/lib/pages/invoice";
import { viewPracticeSettings } from "@/lib/pages/settings";
import { addMember, admin, assignEngineer, createClient, createStaff, createUser, type TestUser } from "../support/fixtures";

const ZONE = "Pacific/Auckland";
const DUE = "2030-01-10";
/** Noon in Auckland on the day `n` days after the due date. */
const day = (n: number) => new Date(Date.parse(`${DUE}T00:00:00Z`) + n * 86_400_000 - 13 * 3_600_000 + 12 * 3_600_000);

let adminUser: TestUser;
let engineer: TestUser;
let savedPractice: { reminder_days: number[]; stripe_sends_reminders: boolean };

interface Scenario { clientId: string; owner: TestUser; member: TestUser }

/** A client of its own, with an owner, a member, a billing contact and the engineer assigned. */
async function scenario(label: string): Promise<Scenario> {
  const clientId = await createClient({ name: `Reminders ${label}`, timezone: ZONE, currency: "NZD" });
  await admin`update public.clients set billing_email = ${`ap-${clientId.slice(0, 8)}@client.test`} where id = ${clientId}`;
  const owner = await createUser(`rem-owner-${label}`);
  const member = await createUser(`rem-member-${label}`);
  await addMember(clientId, owner, "owner");
  await addMember(clientId, member, "member");
  await assignEngineer(clientId, engineer);
  return { clientId, owner, member };
}

async function invoice(clientId: string, opts: { month?: string; status?: string; stripe?: boolean; due?: string | null } = {}): Promise<string> {
  const status = opts.status ?? "open";
  const stripeId = opts.stripe ? `in_rem_${randomUUID().slice(0, 12)}` : null;
  const [row] = await admin<{ id: string }[]>`
    insert into public.invoices (client_id, month, number, status, currency, total_cents, due_date, issued_at, paid_at, pushed_at, stripe_invoice_id, hosted_invoice_url)
    values (${clientId}, ${opts.month ?? "2029-12-01"}, ${status === "draft" ? null : `REM-${randomUUID().slice(0, 8)}`}, ${status}, 'NZD', 780000,
            ${opts.due === undefined ? DUE : opts.due}, ${status === "draft" ? null : day(-14)}, ${status === "paid" ? day(-1) : null}, now(),
            ${stripeId}, ${stripeId ? `https://invoice.stripe.com/i/acct_1/${stripeId}` : null})
    returning id`;
  return row.id;
}

const stripeIdOf = async (invoiceId: string) => (await admin<{ id: string }[]>`select stripe_invoice_id as id from public.invoices where id = ${invoiceId}`)[0].id;
const outbox = (invoiceId: string) => admin<{ to: string; status: string; subject: string; key: string; body: string }[]>`
  select to_email as to, status, subject, dedupe_key as key, body_text as body from public.outbox
  where kind = 'invoice.reminder' and starts_with(dedupe_key, ${`invoice_reminder:${invoiceId}:`}) order by dedupe_key`;
const rungs = async (invoiceId: string) =>
  (await admin<{ rung: number }[]>`select rung_days as rung from public.invoice_reminders where invoice_id = ${invoiceId} order by 1`).map((r) => r.rung);
const setPractice = (days: number[], stripe = false) =>
  admin`update public.practice_settings set reminder_days = ${days}::int[], stripe_sends_reminders = ${stripe}`;

function paidEvent(stripeInvoiceId: string) {
  const event = {
    id: `evt_${createHash("sha256").update(`paid:${stripeInvoiceId}`).digest("hex").slice(0, 24)}`, object: "event", type: "invoice.paid",
    api_version: "2026-10-28.endive", created: Math.floor(Date.now() / 1000),
    data: { object: { id: stripeInvoiceId, object: "invoice", hosted_invoice_url: `https://invoice.stripe.com/i/acct_1/${stripeInvoiceId}`, metadata: {} } },
  };
  const payload = JSON.stringify(event);
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: ENV.STRIPE_WEBHOOK_SECRET });
  return new Request("http://localhost/api/stripe/webhook", { method: "POST", body: payload, headers: { "stripe-signature": header, "content-type": "application/json" } });
}

async function accessAs(user: TestUser, clientId: string): Promise<ClientPage> {
  const viewer = await asUser(user.claims, (tx) => loadViewer(tx, { userId: user.id, email: user.email }));
  const { client, isStaff, dataVersion } = await asUser(user.claims, (tx) => getClientAccess(tx, { clientId }).then((row) => row!));
  const memberRole = viewer.memberships.find((m) => m.clientId === clientId)?.role ?? null;
  return { claims: user.claims, viewer, client, isStaff, memberRole, dataVersion, seesMoney: seesMoney({ staffRole: viewer.staffRole, memberRole, isStaff }) };
}

beforeAll(async () => {
  [savedPractice] = await admin<{ reminder_days: number[]; stripe_sends_reminders: boolean }[]>`select reminder_days, stripe_sends_reminders from public.practice_settings`;
  adminUser = await createStaff("rem-admin", "admin");
  engineer = await createStaff("rem-eng", "engineer");
  await setPractice([3, 7, 14]);
});

afterAll(async () => {
  await setPractice(savedPractice.reminder_days, savedPractice.stripe_sends_reminders);
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe("the ladder, against every status", () => {
  it("reminds an open invoice at each rung, once, to its owners and billing contact; never a draft, paid, void or uncollectible one", async () => {
    const s = await scenario("statuses");
    const ids = {
      open: await invoice(s.clientId, { month: "2029-12-01" }),
      paid: await invoice(s.clientId, { month: "2029-11-01", status: "paid" }),
      void: await invoice(s.clientId, { month: "2029-10-01", status: "void" }),
      uncollectible: await invoice(s.clientId, { month: "2029-09-01", status: "uncollectible" }),
      draft: await invoice(s.clientId, { month: "2029-08-01", status: "draft", due: null }),
      draftDue: await invoice(s.clientId, { month: "2029-07-01", status: "draft" }),
      noDueDate: await invoice(s.clientId, { month: "2029-06-01", due: null }),
    };
    for (const n of [0, 2]) await sendDueReminders({ now: day(n) });
    expect(await rungs(ids.open)).toEqual([]);
    for (const n of [3, 3, 4, 7, 8, 13, 14, 15, 40]) await sendDueReminders({ now: day(n) });
    expect(await rungs(ids.open)).toEqual([3, 7, 14]);
    const mails = await outbox(ids.open);
    expect(mails).toHaveLength(6); // 3 rungs × (owner + billing contact)
    expect(new Set(mails.map((m) => m.to))).toEqual(new Set([s.owner.email.toLowerCase(), `ap-${s.clientId.slice(0, 8)}@client.test`]));
    expect(mails.find((m) => m.key.includes(":3:"))!.subject).toMatch(/^Reminders statuses: invoice REM-\w+ is 3 days overdue$/);
    const week = mails.find((m) => m.key.includes(":7:"))!;
    expect(week.body).toContain("NZ$7,800.00");
    expect(week.body).toContain("was due on January 10, 2030");
    expect(week.body).toContain(`/clients/${s.clientId}/invoices`); // a local invoice: "How to pay" on the portal
    for (const id of [ids.paid, ids.void, ids.uncollectible, ids.draft, ids.draftDue, ids.noDueDate]) {
      expect(await rungs(id)).toEqual([]);
      expect(await outbox(id)).toEqual([]);
    }
    const audits = await admin`select data from public.audit_events where action = 'invoice.reminded' and entity_id = ${ids.open} order by id`;
    expect(audits.map((a) => a.data.rungDays)).toEqual([3, 7, 14]);
  });

  it("stops at once when a local invoice is marked paid: the waiting reminder is withdrawn and no later rung goes", async () => {
    const s = await scenario("marked");
    const id = await invoice(s.clientId);
    await sendDueReminders({ now: day(3) });
    expect((await outbox(id)).map((m) => m.status)).toEqual(["pending", "pending"]);
    const paid = await execute(markPaid, engineer.claims, { clientId: s.clientId, invoiceId: id });
    expect(paid.ok).toBe(true);
    expect(await outbox(id)).toEqual([]); // withdrawn before it was sent
    for (const n of [7, 14, 30]) await sendDueReminders({ now: day(n) });
    expect(await rungs(id)).toEqual([3]);
    expect(await outbox(id)).toEqual([]);
  });

  it("stops when Stripe's payment lands between two runs; a reminder already delivered stays delivered", async () => {
    const s = await scenario("stripe-paid");
    const id = await invoice(s.clientId, { stripe: true });
    await sendDueReminders({ now: day(3) });
    const first = await outbox(id);
    expect(first).toHaveLength(2);
    expect(first[0].body).toContain("https://invoice.stripe.com/i/acct_1/"); // the pay link
    await admin`update public.outbox set status = 'sent', sent_at = now() where dedupe_key = ${first[0].key}`;
    expect((await webhook(paidEvent(await stripeIdOf(id)))).status).toBe(200);
    expect((await admin`select status from public.invoices where id = ${id}`)[0].status).toBe("paid");
    expect((await outbox(id)).map((m) => m.status)).toEqual(["sent"]); // the pending one withdrawn
    for (const n of [7, 14]) await sendDueReminders({ now: day(n) });
    expect(await rungs(id)).toEqual([3]);
  });

  it("never reminds once the invoice is paid while a run waits on its row", async () => {
    const s = await scenario("race");
    const id = await invoice(s.clientId);
    let run: Promise<unknown> | undefined;
    await admin.begin(async (tx) => {
      // The payment holds the invoice's row (as the webhook and "mark paid" do) while the run starts.
      await tx`update public.invoices set status = 'paid', paid_at = now() where id = ${id}`;
      run = sendDueReminders({ now: day(5) });
      await new Promise((r) => setTimeout(r, 400));
    });
    await run;
    expect(await rungs(id)).toEqual([]);
    expect(await outbox(id)).toEqual([]);
  });

  it("leaves Stripe invoices to Stripe when the practice lets it send reminders; local invoices still get ours", async () => {
    const s = await scenario("stripe-own");
    const stripe = await invoice(s.clientId, { month: "2029-12-01", stripe: true });
    const local = await invoice(s.clientId, { month: "2029-11-01" });
    await setPractice([3, 7, 14], true);
    try {
      for (const n of [3, 7, 14]) await sendDueReminders({ now: day(n) });
    } finally {
      await setPractice([3, 7, 14]);
    }
    expect(await rungs(stripe)).toEqual([]);
    expect(await outbox(stripe)).toEqual([]);
    expect(await rungs(local)).toEqual([3, 7, 14]);
  });

  it("sends each rung once when runs overlap", async () => {
    const s = await scenario("concurrent");
    const ids = [await invoice(s.clientId, { month: "2029-12-01" }), await invoice(s.clientId, { month: "2029-11-01" })];
    await Promise.all(Array.from({ length: 6 }, () => sendDueReminders({ now: day(7) })));
    await Promise.all(Array.from({ length: 6 }, () => sendDueReminders({ now: day(7) })));
    for (const id of ids) {
      expect(await rungs(id)).toEqual([7]);
      expect(await outbox(id)).toHaveLength(2);
    }
  });

  it("sends only the highest rung reached when the cron missed days, and none below it afterwards", async () => {
    const s = await scenario("late");
    const id = await invoice(s.clientId);
    await sendDueReminders({ now: day(20) });
    expect(await rungs(id)).toEqual([14]);
    const mails = await outbox(id);
    expect(mails).toHaveLength(2);
    expect(mails[0].subject).toMatch(/is 20 days overdue$/);
    await sendDueReminders({ now: day(21) });
    expect(await rungs(id)).toEqual([14]);
  });

  it("sends nothing with an empty ladder, and writes to nobody when the client has no owner or contact", async () => {
    const s = await scenario("quiet");
    const id = await invoice(s.clientId);
    await setPractice([]);
    try {
      await sendDueReminders({ now: day(30) });
    } finally {
      await setPractice([3, 7, 14]);
    }
    expect(await rungs(id)).toEqual([]);
    const lonely = await createClient({ name: "Reminders nobody", timezone: ZONE, currency: "NZD" });
    const lonelyId = await invoice(lonely);
    await sendDueReminders({ now: day(30) });
    expect(await rungs(lonelyId)).toEqual([]);
  });

  it("runs from the cron route, recorded as its own job, and refuses a caller without the secret", async () => {
    const s = await scenario("route");
    const id = await invoice(s.clientId, { due: "2030-03-10" }); // the clock (RP_CLOCK) is March 20 in Auckland: 10 days over
    const refused = await remindersCron(new Request("http://localhost/api/cron/send-reminders", { method: "POST" }));
    expect(refused.status).toBe(401);
    expect(await rungs(id)).toEqual([]);
    const res = await remindersCron(new Request("http://localhost/api/cron/send-reminders", { method: "POST", headers: { authorization: `Bearer ${ENV.CRON_SECRET}` } }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ failed: 0 });
    expect(await rungs(id)).toEqual([7]);
    const [run] = await admin`select ok, summary from public.job_runs where job = 'send-reminders' order by started_at desc limit 1`;
    expect(run.ok).toBe(true);
  });
});

describe("who sees reminders", () => {
  it("shows staff and owners the rungs sent and the next one on the invoice page; members read none; nobody signed in writes one", async () => {
    const s = await scenario("view");
    const id = await invoice(s.clientId);
    for (const n of [3, 8]) await sendDueReminders({ now: day(n) });
    for (const who of [s.owner, engineer]) {
      const view = await viewInvoice(await accessAs(who, s.clientId), id, day(9));
      expect(view.reminders).toEqual({ today: "2030-01-19", sent: [{ rungDays: 3, on: "2030-01-13" }, { rungDays: 7, on: "2030-01-18" }], next: { rung: 14, on: "2030-01-24" }, byStripe: false });
    }
    expect(await asUser(s.member.claims, (tx) => listInvoiceReminders(tx, { invoiceId: id }))).toEqual([]);
    const stranger = await createUser("rem-stranger");
    expect(await asUser(stranger.claims, (tx) => listInvoiceReminders(tx, { invoiceId: id }))).toEqual([]);
    for (const who of [s.owner, engineer, adminUser]) {
      await expect(asUser(who.claims, (tx) => tx`insert into public.invoice_reminders (invoice_id, client_id, rung_days, days_overdue, recipients)
        values (${id}, ${s.clientId}, 14, 14, 0)`)).rejects.toMatchObject({ code: "42501" });
      await expect(asUser(who.claims, (tx) => tx`delete from public.invoice_reminders where invoice_id = ${id}`)).rejects.toMatchObject({ code: "42501" });
    }
    expect(await rungs(id)).toEqual([3, 7]);
  });
});

describe("the ladder in the practice settings", () => {
  const form = (extra: Record<string, string> = {}) => ({
    name: "Rivera Fractional Engineering", address: "548 Market St", invoiceEmail: "billing@practice.test", daysUntilDue: "14", invoiceFooter: "Thanks.",
    reminderDays: "14, 3, 7", ...extra,
  });
  const practiceRow = async () => (await admin`select reminder_days, stripe_sends_reminders, name, updated_at from public.practice_settings`)[0];

  it("saves it sorted with the Stripe switch, audited, and shows it on /settings", async () => {
    const outcome = await execute(updatePractice, adminUser.claims, form({ reminderDays: "14 3, 7", stripeSendsReminders: "on" }));
    expect(outcome.ok ? outcome.message : outcome.error).toBe("Practice settings saved.");
    expect(await practiceRow()).toMatchObject({ reminder_days: [3, 7, 14], stripe_sends_reminders: true });
    const page = await viewPracticeSettings({ claims: adminUser.claims, viewer: await asUser(adminUser.claims, (tx) => loadViewer(tx, { userId: adminUser.id, email: adminUser.email })) } as Session);
    expect(page).toMatchObject({ reminderDays: [3, 7, 14], stripeSendsReminders: true });
    // Unticked, the box sends nothing: off. Empty, the ladder sends no reminders. Not sent at all: kept.
    await execute(updatePractice, adminUser.claims, form({ reminderDays: "" }));
    expect(await practiceRow()).toMatchObject({ reminder_days: [], stripe_sends_reminders: false });
    const { reminderDays: _omitted, ...withoutLadder } = form();
    await setPractice([2, 9]);
    await execute(updatePractice, adminUser.claims, withoutLadder);
    expect((await practiceRow()).reminder_days).toEqual([2, 9]);
    await setPractice([3, 7, 14]);
  });

  it.each([
    ["0, 7", "Each reminder is 1 to 365 days after the due date."],
    ["3, 400", "Each reminder is 1 to 365 days after the due date."],
    ["3, 3", "List each day once."],
    ["1, 2, 3, 4, 5, 6, 7", "Enter at most 6 reminder days."],
    ["3 days", "Use whole numbers of days, separated by commas, like 3, 7, 14."],
    ["-1", "Use whole numbers of days, separated by commas, like 3, 7, 14."],
  ])("refuses %j with a field error and changes no row", async (ladder, message) => {
    const before = await practiceRow();
    const outcome = await execute(updatePractice, adminUser.claims, form({ reminderDays: ladder, stripeSendsReminders: "on", name: "Changed" }));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.fieldErrors).toEqual({ reminderDays: [message] });
    expect(outcome.values.reminderDays).toBe(ladder); // what was typed comes back to the form
    expect(await practiceRow()).toEqual(before);
  });

  it("refuses anyone but an admin as not found, changing no row", async () => {
    const s = await scenario("settings");
    const before = await practiceRow();
    for (const who of [engineer, s.owner, s.member]) {
      const outcome = await execute(updatePractice, who.claims, form({ reminderDays: "1", stripeSendsReminders: "on" }));
      expect(outcome.ok ? "saved" : outcome.error.code).toBe("not_found");
      // Nor straight at the table, as the Data API would let them try.
      const direct = await asUser(who.claims, (tx) => tx`update public.practice_settings set reminder_days = '{1}', stripe_sends_reminders = true returning id`);
      expect(direct).toHaveLength(0);
    }
    expect(await practiceRow()).toEqual(before);
  });
});
