// `npm run test:stress`: attacks the finished portal on a fresh production stack and prints each figure.
//   cross-tenant attempts through server actions and routes · action fuzzing · webhook storm · load
// Crash safety runs separately on its own cluster (tests/stress/crash.ts). Exits non-zero on any failure.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import autocannon from "autocannon";
import fc from "fast-check";
import Stripe from "stripe";
import { addMonths, localDate, monthOf, weekStart } from "@/lib/domain/dates";
import { demoId } from "@/lib/dev/seed";
import { actionSpecs, INVALID, type ActionSpec, type Ids } from "./actions";
import { drafts } from "./attacks/drafts";
import { encodeReply } from "../support/server-action";
import { startAnthropicDouble } from "../doubles/anthropic";
import { startStripeDouble } from "../doubles/stripe";
import { clientIps } from "./attacks/client-ips";
import { edges } from "./attacks/edges";
import { foreignIds } from "./attacks/foreign-ids";
import { sessions } from "./attacks/sessions";
import { secondStep } from "./attacks/second-step";
import { passkeys } from "./attacks/passkeys";
import { prune } from "./attacks/prune";
import { endEveryone } from "./attacks/end-everyone";
import { actionIds, callAction, cookieFor, startStack, type Stack } from "./harness";
import { webhookOrder } from "./attacks/webhook-order";
import { directAccess } from "./attacks/direct-access";
import { forgedInvitations, lastAdminRace, lockout } from "./attacks/second-round";
import { origins } from "./attacks/origins";
import { reminders } from "./attacks/reminders";
import { imports } from "./attacks/imports";
import { exports } from "./attacks/exports";
import { restores } from "./attacks/restores";
import { extraHours } from "./attacks/extra-hours";
import { bulkIds, searchPage, timers, weekPage } from "./attacks/timers";
import { aiRecord } from "./attacks/ai-record";
import { handbook } from "./attacks/handbook";
import { handbookDrafts } from "./attacks/handbook-drafts";
import { handbookFiles } from "./attacks/handbook-files";
import { inbox } from "./attacks/notifications";
import { INBOUND, replies } from "./attacks/replies";
import { ledgerCursors } from "./attacks/ledger-cursors";
import { pageCache } from "./attacks/page-cache";
import { limits } from "./attacks/limits";
import { api } from "./attacks/api";
import { webhooks } from "./attacks/webhooks";
import { pdfs } from "./attacks/pdfs";

const figures: string[] = [];
const report = (line: string) => {
  figures.push(line);
  process.stdout.write(`  ${line}\n`);
};

const TENANT_TABLES = ["clients", "client_members", "client_engineers", "invitations", "retainer_terms", "billing_periods", "time_entries",
  "roadmap_items", "roadmap_comments", "weekly_updates", "invoices", "invoice_lines", "audit_events", "outbox", "practice_settings", "staff", "profiles",
  "client_billing_details", "payment_instructions", "import_mappings", "extra_hours_requests",
  "month_confirmations", "entry_questions", "entry_question_messages", "notifications",
  "client_slack", "slack_deliveries", "update_comments", "inbound_emails", "running_timers", "ai_requests", "handbook_pages", "handbook_versions", "handbook_files"];

async function checksums(stack: Stack): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TENANT_TABLES) {
    const [row] = await stack.admin<{ sum: string }[]>`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as sum from ${stack.admin("public." + t)} x`;
    out[t] = row.sum;
  }
  return out;
}

async function idsFor(stack: Stack, key: "harbor" | "kiwi" | "sakura", zone: string): Promise<Ids> {
  const client = demoId(`client:${key}`);
  const today = localDate(new Date(), zone);
  const [entry] = await stack.admin`select id from public.time_entries where client_id = ${client} and work_date >= ${monthOf(today)} and voided_at is null order by work_date limit 1`;
  const [closedEntry] = await stack.admin`select e.id from public.time_entries e join public.billing_periods bp on bp.client_id = e.client_id
    and bp.month = date_trunc('month', e.work_date)::date and bp.status = 'closed' where e.client_id = ${client} limit 1`;
  const [update] = await stack.admin`select id from public.weekly_updates where client_id = ${client} limit 1`;
  const [invoice] = await stack.admin`select id from public.invoices where client_id = ${client} limit 1`;
  const [item] = await stack.admin`select id from public.roadmap_items where client_id = ${client} and status in ('planned', 'in_progress') limit 1`;
  const [page] = await stack.admin`select id from public.handbook_pages where client_id = ${client} order by id limit 1`;
  return {
    client, item: item.id, entry: entry.id, closedEntry: closedEntry.id, update: update.id, invoice: invoice.id, page: page.id,
    otherStaffUser: demoId("priya@practice.test"), today, lastMonth: addMonths(monthOf(today), -1), monday: weekStart(today),
  };
}

const fieldsOf = (spec: ActionSpec) => Object.fromEntries(Object.entries(spec.fields).map(([k, v]) => [k, v.value]));

/** Item 2: another client's ids in every argument, through every action and route: all "not found", nothing changes. */
async function crossTenant(stack: Stack) {
  const actions = actionIds();
  const victims = { harbor: await idsFor(stack, "harbor", "America/Los_Angeles"), kiwi: await idsFor(stack, "kiwi", "Pacific/Auckland"), sakura: await idsFor(stack, "sakura", "Asia/Tokyo") };
  // Who attacks which client they have nothing to do with.
  const pairs: [Parameters<typeof cookieFor>[1], keyof typeof victims][] = [
    ["olivia", "kiwi"], ["olivia", "sakura"], ["aroha", "harbor"], ["aroha", "sakura"], ["marco", "sakura"],
    ["priya", "harbor"], ["priya", "sakura"], ["yuki", "harbor"], ["yuki", "kiwi"],
  ];
  const before = await checksums(stack);
  let attempts = 0;
  let refusedAsNotFound = 0;
  const leaks: string[] = [];
  const tenantActions = actionSpecs(victims.harbor).filter((s) => "clientId" in s.fields);
  for (let round = 0; attempts < 1000; round++) {
    for (const [attacker, victimKey] of pairs) {
      const cookie = await cookieFor(stack, attacker);
      for (const spec of actionSpecs(victims[victimKey]).filter((s) => tenantActions.some((t) => t.name === s.name))) {
        const fields = fieldsOf(spec);
        if (round % 2 === 1 && "description" in fields) fields.description = `round ${round}`; // vary the payloads a little
        const reply = await callAction(stack, cookie, actions.get(spec.name)!, fields);
        attempts++;
        if (reply.result?.ok === false && /could not be found/.test(reply.result.error ?? "")) refusedAsNotFound++;
        else leaks.push(`${attacker} → ${spec.name} on ${victimKey}: ${reply.status} ${JSON.stringify(reply.result)?.slice(0, 160)}`);
      }
      // Routes and pages of the victim: 404, never 403.
      const v = victims[victimKey];
      for (const path of [`/clients/${v.client}`, `/clients/${v.client}/hours/export`, `/print/invoices/${v.invoice}`, `/clients/${v.client}/invoices/${v.invoice}`,
        `/clients/${v.client}/roadmap/${v.item}`, `/clients/${v.client}/updates/${v.update}`, `/clients/${v.client}/settings`, `/clients/${v.client}/ai`,
        `/clients/${v.client}/handbook`, `/clients/${v.client}/handbook/${v.page}`, `/clients/${v.client}/handbook/${v.page}/history`]) {
        const res = await fetch(`${stack.base}${path}`, { headers: { cookie }, redirect: "manual" });
        attempts++;
        if (res.status === 404) refusedAsNotFound++;
        else leaks.push(`${attacker} → GET ${path}: ${res.status}`);
        await res.arrayBuffer();
      }
    }
  }
  const after = await checksums(stack);
  const changed = TENANT_TABLES.filter((t) => before[t] !== after[t]);
  report(`cross-tenant: ${attempts} attempts, ${attempts - refusedAsNotFound} succeeded or answered other than "not found", tables changed: ${changed.length}`);
  assert.deepEqual(leaks.slice(0, 10), []);
  assert.deepEqual(changed, []);
}

/** Item 3: ≥ 300 malformed inputs per action, each refused with a field error, no server error, no row changed. */
async function fuzz(stack: Stack, perAction: number) {
  const actions = actionIds();
  const ids = await idsFor(stack, "harbor", "America/Los_Angeles");
  const before = await checksums(stack);
  const failures: string[] = [];
  let total = 0;
  let serverErrors = 0;
  const specs = actionSpecs(ids);
  for (const spec of specs) {
    const cookie = await cookieFor(stack, spec.as);
    const names = Object.keys(spec.fields);
    const OPTIONAL = ["roadmapItemId", "billable", "confirmOverage", "description", "estimateMinutes", "targetMonth", "address", "invoiceFooter", "billingEmail", "invoiceEmail", "status",
      "paymentInstructions", "paymentInstructions_USD", "reminderDays", "stripeSendsReminders", "legalName", "country", "stripeAutomaticTax", "taxRegistration_nz_gst",
      "taxId", "taxLabel", "taxNote", "skipRefused", ...(spec.optional ?? [])];
    const cases = fc.sample(
      fc.tuple(fc.constantFrom(...names), fc.boolean()).chain(([field, drop]) =>
        (drop ? fc.constant(null) : INVALID[spec.fields[field].kind]).map((value) => ({ field, value })))
        // Dropping an optional field is a valid call, not a malformed one.
        .filter((c) => !(c.value === null && OPTIONAL.includes(c.field))),
      { numRuns: perAction, seed: 42 },
    );
    for (const c of cases) {
      const fields = fieldsOf(spec);
      if (c.value === null) delete fields[c.field];
      else fields[c.field] = c.value;
      const reply = await callAction(stack, cookie, actions.get(spec.name)!, fields);
      total++;
      if (reply.status >= 500 || reply.result?.error?.startsWith("Something went wrong")) serverErrors++;
      const refused = reply.result?.ok === false && (Object.keys(reply.result.fieldErrors ?? {}).length > 0 || /could not be found/.test(reply.result.error ?? ""));
      if (!refused) failures.push(`${spec.name} with ${c.field}=${JSON.stringify(c.value)?.slice(0, 60)}: ${reply.status} ${JSON.stringify(reply.result)?.slice(0, 200)}`);
    }
  }
  const after = await checksums(stack);
  const changed = TENANT_TABLES.filter((t) => before[t] !== after[t]);
  report(`fuzzing: ${specs.length} actions × ${perAction} = ${total} malformed inputs, ${failures.length} accepted, ${serverErrors} server errors, tables changed: ${changed.length}`);
  assert.deepEqual(failures.slice(0, 10), []);
  assert.equal(serverErrors, 0);
  assert.deepEqual(changed, []);
}

/** Item 6: 1,000 signed events with duplicates, shuffled, from 5 concurrent senders. */
async function webhookStorm(stack: Stack, secret: string) {
  // Fifty draft invoices that "Stripe" knows (old months of the demo clients, so nothing else touches them).
  const clients = ["harbor", "kiwi", "sakura"].map((k) => demoId(`client:${k}`));
  const targets: { id: string; stripeId: string }[] = [];
  for (let n = 0; n < 50; n++) {
    const [row] = await stack.admin<{ id: string }[]>`
      insert into public.invoices (client_id, month, status, currency, total_cents, stripe_invoice_id)
      values (${clients[n % 3]}, ${addMonths("2015-01-01", n)}, 'draft', 'USD', ${1000 + n}, ${`in_storm_${n}`}) returning id`;
    targets.push({ id: row.id, stripeId: `in_storm_${n}` });
  }
  const lifecycles = [["invoice.finalized", "invoice.paid"], ["invoice.finalized", "invoice.payment_failed", "invoice.paid"],
    ["invoice.finalized", "invoice.voided"], ["invoice.finalized", "invoice.marked_uncollectible", "invoice.paid"], ["invoice.finalized", "invoice.marked_uncollectible"]];
  const finalOf: Record<string, string> = { "invoice.paid": "paid", "invoice.voided": "void", "invoice.marked_uncollectible": "uncollectible", "invoice.finalized": "open" };
  const events: { id: string; type: string; stripeId: string }[] = [];
  const expected = new Map<string, string>();
  targets.forEach((t, n) => {
    const life = lifecycles[n % lifecycles.length];
    for (const type of life) events.push({ id: `evt_storm_${createHash("sha1").update(`${t.stripeId}:${type}`).digest("hex").slice(0, 20)}`, type, stripeId: t.stripeId });
    const last = [...life].reverse().find((x) => x !== "invoice.payment_failed")!;
    expected.set(t.id, finalOf[last]);
  });
  const deliveries = Array.from({ length: 1000 }, (_, i) => events[i % events.length]).sort(() => Math.random() - 0.5);
  let cursor = 0;
  const statuses = new Map<number, number>();
  const sender = async () => {
    while (cursor < deliveries.length) {
      const e = deliveries[cursor++];
      const payload = JSON.stringify({ id: e.id, object: "event", type: e.type, created: Math.floor(Date.now() / 1000), data: { object: { id: e.stripeId, object: "invoice", metadata: {} } } });
      const res = await fetch(`${stack.base}/api/stripe/webhook`, {
        method: "POST", body: payload,
        headers: { "content-type": "application/json", "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload, secret }) },
      });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 5 }, sender));
  const changes = await stack.admin<{ event: string; n: number }[]>`
    select data->>'eventId' as event, count(*)::int as n from public.audit_events where action like 'invoice.stripe_%' and data->>'eventId' like 'evt_storm_%' group by 1`;
  const recorded = await stack.admin`select count(*)::int as n from public.stripe_events where id like 'evt_storm_%'`;
  const finals = await stack.admin<{ id: string; status: string }[]>`select id, status from public.invoices where id in ${stack.admin(targets.map((t) => t.id))}`;
  const wrong = finals.filter((f) => f.status !== expected.get(f.id));
  report(`webhook storm: 1000 deliveries of ${events.length} events from 5 senders; responses ${JSON.stringify(Object.fromEntries(statuses))}; events recorded ${recorded[0].n}; max state changes per event ${Math.max(0, ...changes.map((c) => c.n))}; wrong final statuses ${wrong.length}`);
  assert.deepEqual([...statuses.keys()], [200]);
  assert.equal(recorded[0].n, events.length);
  assert.ok(changes.every((c) => c.n === 1));
  assert.deepEqual(wrong, []);
}

/** Item 9: owners viewing dashboards and ledgers and engineers logging entries, 20 then 50 connections for 30 s. */
async function load(stack: Stack, seconds: number) {
  const actions = actionIds();
  const olivia = await cookieFor(stack, "olivia");
  const aroha = await cookieFor(stack, "aroha");
  const sam = await cookieFor(stack, "sam");
  const harbor = demoId("client:harbor");
  const kiwi = demoId("client:kiwi");
  const logAction = actions.get("logEntryAction")!;
  const form = new FormData();
  for (const [k, v] of Object.entries({ clientId: kiwi, workDate: localDate(new Date(), "Pacific/Auckland"), minutes: "15m", description: "Load test entry", category: "support", billable: "", confirmOverage: "1" })) form.append(k, v);
  const encoded = new Response((await encodeReply([null, form])) as FormData);
  const logBody = Buffer.from(await encoded.arrayBuffer());
  const requests = [
    { method: "GET" as const, path: `/clients/${harbor}`, headers: { cookie: olivia } },
    { method: "GET" as const, path: `/clients/${harbor}/hours`, headers: { cookie: olivia } },
    { method: "GET" as const, path: `/clients/${kiwi}`, headers: { cookie: aroha } },
    // Posted from the page the engineer is on, as the browser does (the action is in every portal page's layout).
    { method: "POST" as const, path: `/clients/${kiwi}/hours`, body: logBody, headers: { cookie: sam, "next-action": logAction.id, accept: "text/x-component", "content-type": encoded.headers.get("content-type")!, origin: stack.base } },
    { method: "GET" as const, path: `/clients/${kiwi}/hours`, headers: { cookie: aroha } },
  ];
  for (const connections of [20, 50]) {
    const r = await autocannon({ url: stack.base, connections, duration: seconds, requests });
    const non2xx = r.non2xx;
    report(`load ${connections} connections × ${seconds}s: ${r.requests.total} requests, ${r.errors} errors, ${r.timeouts} timeouts, ${non2xx} non-2xx/3xx, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${Math.round(r.requests.average)} req/s`);
    assert.equal(r.errors, 0);
    assert.equal(r.timeouts, 0);
    assert.equal(non2xx, 0);
  }
}

async function main() {
  const only = process.argv.slice(2);
  const want = (name: string) => only.length === 0 || only.includes(name);
  const secret = "whsec_stress_test_secret";
  // Stripe through the double, as in production: attacks can count that nobody reached it.
  const stripe = await startStripeDouble();
  // Claude through the double too: the drafts attack scripts its answers (a call nobody scripted gets a 500).
  const claude = await startAnthropicDouble();
  const stack = await startStack({
    // STRESS_PORT / STRESS_PG_PORT: run beside another stack on this machine (the app also uses the next two ports).
    port: Number(process.env.STRESS_PORT ?? 3300), pgPort: Number(process.env.STRESS_PG_PORT ?? 25359),
    env: {
      STRIPE_WEBHOOK_SECRET: secret, STRIPE_SECRET_KEY: "sk_test_stress_double", STRIPE_API_HOST: "127.0.0.1", STRIPE_API_PORT: String(stripe.port), STRIPE_API_PROTOCOL: "http",
      ANTHROPIC_API_KEY: "stress-key", ANTHROPIC_BASE_URL: claude.url, ANTHROPIC_MAX_RETRIES: "0", ANTHROPIC_TIMEOUT_MS: "10000",
      INBOUND_REPLY_ADDRESS: INBOUND.address, INBOUND_EMAIL_SECRET: INBOUND.secret,
    },
  });
  const started = Date.now();
  const zones = { harbor: "America/Los_Angeles", kiwi: "Pacific/Auckland", sakura: "Asia/Tokyo" } as const;
  const ctx = {
    idsOf: (key: keyof typeof zones) => idsFor(stack, key, zones[key]),
    checksums: () => checksums(stack),
    stripeCalls: () => stripe.calls.length,
  };
  // The security record (issue 29): what each attack left in public.security_events, by kind. Attacks on signing in,
  // sessions and access must each leave the events named here.
  const EXPECTED_EVENTS: Record<string, string[]> = {
    "cross-tenant": ["access_refused"], "foreign-ids": ["access_refused"], "client-ips": ["code_requested", "sign_in_failed"],
    sessions: ["session_ended", "access_refused"], secondStep: ["factor_enrolled", "factor_failed", "signed_in"],
    passkeys: ["factor_enrolled", "factor_used", "factor_failed"], limits: ["limit_reached"], api: ["bearer_refused"],
    pageCache: ["access_refused"], aiRecord: ["access_refused"], handbook: ["access_refused"], handbookDrafts: ["access_refused"], handbookFiles: ["access_refused"], reminders: ["bearer_refused"], replies: ["bearer_refused"], webhooks: ["bearer_refused"], prune: ["bearer_refused"], endEveryone: ["sessions_ended_by_admin", "access_refused"], lockout: ["code_requested", "sign_in_failed"],
  };
  const eventCounts = async () => Object.fromEntries(
    (await stack.admin<{ kind: string; n: number }[]>`select kind, count(*)::int as n from public.security_events group by kind`).map((r) => [r.kind, r.n] as const));
  const records: string[] = [];
  const step = async (name: string, attack: () => Promise<unknown>) => {
    if (!want(name)) return;
    const before = await eventCounts();
    await attack();
    const after = await eventCounts();
    const added = Object.entries(after).map(([kind, n]) => [kind, n - (before[kind] ?? 0)] as const).filter(([, n]) => n > 0);
    if (added.length) records.push(`${name}: ${added.map(([k, n]) => `${k} ${n}`).join(", ")}`);
    const missing = (EXPECTED_EVENTS[name] ?? []).filter((kind) => !added.some(([k]) => k === kind));
    assert.deepEqual(missing, [], `${name} left no ${missing.join(", ")} event`);
  };
  try {
    await step("cross-tenant", () => crossTenant(stack));
    await step("foreign-ids", () => foreignIds(stack, report, ctx));
    await step("edges", () => edges(stack, report, ctx));
    await step("pdfs", () => pdfs(stack, report, ctx));
    await step("client-ips", () => clientIps(stack, report));
    await step("origins", () => origins(stack, report, ctx));
    await step("sessions", () => sessions(stack, report));
    await step("secondStep", () => secondStep(stack, report));
    await step("passkeys", () => passkeys(stack, report));
    await step("fuzz", () => fuzz(stack, Number(process.env.FUZZ_PER_ACTION ?? 300)));
    await step("storm", () => webhookStorm(stack, secret));
    await step("webhookOrder", () => webhookOrder(stack, report));
    await step("directAccess", () => directAccess(stack, report));
    await step("forgedInvitations", () => forgedInvitations(stack, report));
    await step("lockout", () => lockout(stack, report));
    await step("lastAdminRace", () => lastAdminRace(stack, report));
    await step("reminders", () => reminders(stack, report));
    await step("imports", () => imports(stack, report, ctx));
    await step("exports", () => exports(stack, report, ctx));
    await step("restores", () => restores(stack, report, ctx));
    await step("extraHours", () => extraHours(stack, report, ctx));
    await step("timers", () => timers(stack, report, ctx));
    await step("weekPage", () => weekPage(stack, report));
    await step("bulkIds", () => bulkIds(stack, report, ctx));
    await step("searchPage", () => searchPage(stack, report));
    await step("aiRecord", () => aiRecord(stack, report, claude, ctx));
    await step("handbook", () => handbook(stack, report, ctx));
    await step("handbookFiles", () => handbookFiles(stack, report));
    await step("inbox", () => inbox(stack, report, ctx));
    await step("replies", () => replies(stack, report, ctx));
    await step("ledgerCursors", () => ledgerCursors(stack, report, ctx));
    await step("pageCache", () => pageCache(stack, report, ctx));
    await step("limits", () => limits(stack, report));
    await step("api", () => api(stack, report, ctx));
    await step("webhooks", () => webhooks(stack, report, ctx));
    await step("prune", () => prune(stack, report));
    await step("load", () => load(stack, Number(process.env.LOAD_SECONDS ?? 30)));
    await step("drafts", () => drafts(stack, report, claude));
    await step("handbookDrafts", () => handbookDrafts(stack, report, claude));
    // Last: it signs everyone out.
    await step("endEveryone", () => endEveryone(stack, report));
  } finally {
    await stack.stop();
    await stripe.close();
    await claude.close();
  }
  const expected = Object.keys(EXPECTED_EVENTS).filter(want);
  if (records.length) report(`security record: ${records.join("; ")}; attacks on sign-in, sessions and access that left their events: ${expected.length} of ${expected.length}`);
  process.stdout.write(`\nstress suite passed in ${((Date.now() - started) / 1000).toFixed(0)} s:\n${figures.map((f) => `  ${f}`).join("\n")}\n`);
}

main().catch((e) => {
  process.stderr.write(`\nstress suite failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

