// The database is the last wall (issue 14): every actor talks to the tables directly, as Supabase's Data API
// lets any signed-in person do (role `authenticated` + their own claims, tests/support/direct-access.ts).
//   1. The attacks of item 1 and their family: each refused or empty, no row changed (committed as
//      PostgREST commits, then compared).
//   2. A sweep: every table (of every schema the roles use) × insert / update of each column / delete × every
//      actor, rolled back, counting the rows each would change; only what the pages do may change any.
//   3. What the pages do as the signed-in person still works, through the app's own functions.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { asUser, withServiceRole } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { getInvoice, markPaidLocally, periodStatement } from "@/lib/db/invoices";
import { closedMonths } from "@/lib/db/periods";
import { setTerms } from "@/lib/clients/terms";
import { listTerms } from "@/lib/db/terms";
import { admin, createCast, createUser, type TestUser } from "../support/fixtures";
import { asPostgrest, ATTACKS, runAttacks, type Actor, type Cast, type Targets } from "../support/direct-access";

type Fixture = Awaited<ReturnType<typeof createCast>>;
let fx: Fixture;
let stranger: TestUser;
let cast: Cast;
let targets: Targets;
const ids: Record<string, string> = {};

const actor = (label: string, u: TestUser): Actor => ({ label, id: u.id, email: u.email });
const STATEMENT = { month: "2030-01-01", totalCents: 400000, lines: [{ kind: "retainer_fee", description: "Fee", amountCents: 400000 }] };

beforeAll(async () => {
  fx = await createCast();
  stranger = await createUser("stranger");
  cast = {
    member: actor("member", fx.memberA), owner: actor("owner", fx.ownerA), assigned: actor("assigned engineer", fx.assigned),
    unassigned: actor("unassigned engineer", fx.unassigned), admin: actor("admin", fx.admin), stranger: actor("stranger", stranger),
    anon: { label: "anon", id: null },
  };
  const a = fx.clientA;
  // Terms from January (closed months follow) and from April (open).
  const [, terms] = await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour)
    values (${a}, '2030-01-01', 1200, 400000, 20000), (${a}, '2030-04-01', 900, 300000, 20000) returning id`;
  // January closed and invoiced locally (open, numbered); February invoiced through Stripe (open, pay link).
  await admin`insert into public.billing_periods (client_id, month, status, closed_at, statement) values
    (${a}, '2030-01-01', 'closed', now(), ${admin.json(STATEMENT)}), (${a}, '2030-02-01', 'closed', now(), ${admin.json({ ...STATEMENT, month: "2030-02-01" })})`;
  const [local] = await admin`insert into public.invoices (client_id, month, number, status, currency, total_cents, due_date, issued_at, pushed_at)
    values (${a}, '2030-01-01', ${`INV-T${randomUUID().slice(0, 6)}`}, 'open', 'USD', 400000, '2030-02-15', now(), now()) returning id`;
  const [stripe] = await admin`insert into public.invoices (client_id, month, status, currency, total_cents, stripe_invoice_id, hosted_invoice_url, issued_at, pushed_at)
    values (${a}, '2030-02-01', 'open', 'USD', 400000, ${`in_${randomUUID().slice(0, 8)}`}, 'https://invoice.stripe.com/i/acct_1/test', now(), now()) returning id`;
  for (const inv of [local.id, stripe.id]) {
    await admin`insert into public.invoice_lines (invoice_id, client_id, kind, description, amount_cents) values (${inv}, ${a}, 'retainer_fee', 'Fee', 400000)`;
  }
  await admin`insert into public.audit_events (client_id, actor_id, action, entity, entity_id, data)
    values (${a}, ${fx.admin.id}, 'month.closed', 'invoice', ${local.id}, '{"totalCents": 400000}')`;
  const [item] = await admin`insert into public.roadmap_items (client_id, title, status) values (${a}, 'Build', 'planned') returning id`;
  const [entry] = await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, roadmap_item_id)
    values (${a}, ${fx.assigned.id}, '2030-03-04', 90, 'work', 'build', ${item.id}) returning id`;
  const [comment] = await admin`insert into public.roadmap_comments (client_id, item_id, author_id, body) values (${a}, ${item.id}, ${fx.ownerA.id}, 'Nice') returning id`;
  const [draft] = await admin`insert into public.weekly_updates (client_id, week_start) values (${a}, '2030-03-04') returning id`;
  const [invitation] = await admin`insert into public.invitations (client_id, email, role, token_hash, invited_by, expires_at)
    values (${a}, 'pending@x.test', 'member', ${randomUUID()}, ${fx.assigned.id}, now() + interval '1 day') returning id`;
  const [staffInvitation] = await admin`insert into public.staff_invitations (email, role, token_hash, invited_by, expires_at)
    values (${`pending-${randomUUID().slice(0, 8)}@x.test`}, 'engineer', ${randomUUID()}, ${fx.admin.id}, now() + interval '1 day') returning id`;
  await admin`insert into public.outbox (kind, client_id, to_email, subject, body_text) values ('x', ${a}, 'a@b.c', 's', 'b')`;
  await admin`insert into public.stripe_events (id, type) values (${`evt_${randomUUID()}`}, 'invoice.paid')`;
  await admin`insert into public.rate_limit_hits (bucket) values ('x')`;
  await admin`insert into private.totp_factors (user_id, secret_sealed, confirmed_at) values (${fx.ownerA.id}, 'v1.x.y', now()) on conflict do nothing`;
  await admin`insert into private.recovery_codes (user_id, code_hash) values (${fx.ownerA.id}, repeat('b', 64))`;
  await admin`insert into private.passkeys (user_id, credential_id, public_key, name) values (${fx.ownerA.id}, ${`key-${randomUUID()}`}, '\\x00112233445566778899aabbccddeeff', 'a key')`;
  await admin`insert into private.webauthn_challenges (user_id, purpose, challenge, expires_at) values (${fx.ownerA.id}, 'register', repeat('f', 32), now() + interval '5 minutes')`;
  await admin`insert into public.security_events (kind, outcome, user_id, client_id) values ('signed_in', 'ok', ${fx.ownerA.id}, ${a})`;
  await admin`insert into public.sign_in_codes (email, code_hash, expires_at) values ('a@b.c', 'h', now())`;
  await admin`insert into public.payment_instructions (currency, body) values ('USD', 'ACH') on conflict (currency) do nothing`;
  await admin`insert into public.client_billing_details (client_id, address, country) values (${a}, '1 Main St', 'US') on conflict do nothing`;
  await admin`insert into public.invoice_reminders (invoice_id, client_id, rung_days, days_overdue, recipients) values (${local.id}, ${a}, 3, 3, 1)`;
  await admin`insert into private.client_data_versions (client_id) values (${a}) on conflict do nothing`;
  // Issue 26: what AI saw, and a handbook page visible to the client with its first version.
  await admin`insert into public.ai_requests (client_id, requested_by, purpose, endpoint, model, prompt_version, attempt, http_attempts, request, response, outcome)
    values (${a}, ${fx.assigned.id}, 'Draft', 'https://api.anthropic.com/v1/messages', 'm', 'v', 1, 1, '{"system": "s"}', 'r', 'accepted')`;
  await admin`with page as (insert into public.handbook_pages (client_id, section, title, body_md, visibility, created_by, updated_by)
      values (${a}, 'runbooks', 'Runbook', 'Steps', 'client', ${fx.assigned.id}, ${fx.assigned.id}) returning id, client_id)
    , version as (insert into public.handbook_versions (page_id, client_id, version, section, title, body_md, visibility, saved_by)
    select id, client_id, 1, 'runbooks', 'Runbook', 'Steps', 'client', ${fx.assigned.id} from page)
    insert into public.handbook_files (client_id, page_id, name, content_type, size_bytes, sha256, data, uploaded_by)
    select client_id, id, 'flow.png', 'image/png', 1, ${"a".repeat(64)}, '\\x89', ${fx.assigned.id} from page`;
  Object.assign(ids, { terms: terms.id, item: item.id, entry: entry.id, comment: comment.id, draft: draft.id, invitation: invitation.id, staffInvitation: staffInvitation.id });
  targets = {
    clientId: a, localInvoiceId: local.id, stripeInvoiceId: stripe.id, closedMonth: "2030-01-01", freeMonth: "2031-06-01",
    entryId: entry.id, otherPersonId: fx.unassigned.id, ownerId: fx.ownerA.id,
  };
});

describe("direct table access: the attacks of issue 14, item 1", () => {
  it("refuses every one, as every actor, and changes no row", async () => {
    const results = await runAttacks(admin, cast, targets);
    const through = results.filter((r) => r.succeeded || r.changedTables.length > 0);
    console.info(`direct table access: ${results.length} attempts, succeeded: ${results.filter((r) => r.succeeded).length}, ` +
      `rows changed: ${results.filter((r) => r.changedTables.length).length}`);
    expect(through).toEqual([]);
    expect(results.length).toBe(ATTACKS.length);
    // The item-1 attacks themselves are refused by the database, not merely found empty.
    const refused = new Map(results.map((r) => [r.attack, r.refused]));
    for (const name of ["assigned engineer sets an issued invoice's total to 1", "assigned engineer marks an issued invoice paid",
      "assigned engineer replaces an invoice's pay link", "assigned engineer inserts an invoice of their own",
      "assigned engineer re-attributes an entry to another person", "member reads a closed month's statement", "owner inserts an audit event"]) {
      expect(refused.get(name), name).toBe("42501");
    }
  });

  it("leaves the invoices exactly as issued", async () => {
    const rows = await admin`select id, status, total_cents, hosted_invoice_url, paid_at from public.invoices where client_id = ${targets.clientId} order by month`;
    expect(rows.map((r) => [r.status, r.total_cents, r.paid_at])).toEqual([["open", "400000", null], ["open", "400000", null]]);
    expect(rows[1].hosted_invoice_url).toBe("https://invoice.stripe.com/i/acct_1/test");
    const [entry] = await admin`select engineer_id from public.time_entries where id = ${targets.entryId}`;
    expect(entry.engineer_id).toBe(fx.assigned.id);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The sweep. Rows of client A (or the one row named) per table; "what the pages do" per actor.

type ActorKey = keyof Cast;
const ACTORS: ActorKey[] = ["anon", "member", "owner", "assigned", "unassigned", "admin", "stranger"];
const STAFF: ActorKey[] = ["assigned", "admin"];

/** Which rows each table's attempts aim at: the one row named, else client A's, else every row. */
const scope = (table: string, hasClientId: boolean): string => {
  const a = `'${fx.clientA}'`;
  const where: Record<string, string> = {
    "public.practice_settings": "true",
    "public.profiles": `id = '${fx.ownerA.id}'`,
    "public.staff": `user_id = '${fx.assigned.id}'`,
    "public.clients": `id = ${a}`,
    "public.invitations": `id = '${ids.invitation}'`,
    "public.staff_invitations": `id = '${ids.staffInvitation}'`,
    "public.retainer_terms": `id = '${ids.terms}'`,
    "public.time_entries": `id = '${ids.entry}'`,
    "public.roadmap_items": `id = '${ids.item}'`,
    "public.roadmap_comments": `id = '${ids.comment}'`,
    "public.weekly_updates": `id = '${ids.draft}'`,
    "auth.users": `id = '${fx.ownerA.id}'`,
  };
  return where[table] ?? (hasClientId ? `client_id = ${a}` : "true");
};

/** Columns each actor's pages write, per table (lib/db): nobody else may change a row of it. */
const UI_UPDATES: Record<string, Partial<Record<ActorKey, string[]>>> = {
  // The sweep's profile row is the owner's own: people name themselves on /account (issue 28, item 7).
  "public.profiles": { owner: ["email_notifications", "full_name", "timezone"] },
  "public.practice_settings": { admin: ["address", "client_members_two_step", "client_two_step", "country", "days_until_due", "first_month", "invoice_email", "invoice_footer", "legal_name", "name", "reminder_days", "review_days",
    "stripe_automatic_tax", "stripe_sends_reminders", "tax_registrations", "updated_at"] },
  // Staff set a client's bill-to details and tax treatment on its settings page; owners read them (issue 27).
  "public.client_billing_details": Object.fromEntries(STAFF.map((s) => [s, ["address", "country", "legal_name", "tax_id", "tax_label", "tax_note",
    "tax_rate_bp", "tax_treatment", "updated_at"]])),
  "public.clients": {
    owner: ["ai_drafting_enabled"],
    // Staff set when the fee is invoiced and the retainer's start (issue 27); owners cannot.
    ...Object.fromEntries(STAFF.map((s) => [s, ["ai_drafting_enabled", "archived_at", "billing_email", "billing_timing", "currency", "name", "start_date", "timezone"]])),
  },
  "public.retainer_terms": Object.fromEntries(STAFF.map((s) => [s, ["included_minutes", "monthly_fee_cents", "overage_increment_minutes",
    "overage_preapproved_minutes", "overage_rate_cents_per_hour", "rollover_cap_minutes", "rollover_expiry_months"]])),
  "public.time_entries": Object.fromEntries(STAFF.map((s) => [s, ["billable", "category", "description", "minutes", "roadmap_item_id",
    "updated_at", "void_reason", "voided_at", "voided_by", "work_date"]])),
  "public.roadmap_items": Object.fromEntries(STAFF.map((s) => [s, ["description", "drop_reason", "estimate_minutes", "position",
    "shipped_at", "status", "target_month", "title", "updated_at"]])),
  // Publishing is the app's (service role, after the phishing check): staff edit drafts only.
  "public.weekly_updates": Object.fromEntries(STAFF.map((s) => [s, ["body_md", "citations", "facts", "model", "prompt_version",
    "source", "title", "updated_at"]])),
};

const UI_DELETES: Record<string, ActorKey[]> = {
  // Admins replace the practice's payment instructions on /settings: delete, then insert (issue 27).
  "public.payment_instructions": ["admin"],
  "public.staff": ["admin"],
  "public.client_engineers": ["admin"],
  "public.staff_invitations": ["admin"],
  "public.invitations": STAFF,
};

/** A row as each table's page inserts it (`me`: the actor), and who may. Tables with no page insert: anyone's attempt. */
const insertOf = (table: string, me: string): { sql: string; who: ActorKey[] } => {
  const a = fx.clientA;
  const u = randomUUID();
  const rows: Record<string, { sql: string; who: ActorKey[] }> = {
    "public.clients": { sql: `insert into public.clients (name, slug, timezone, currency, billing_email) values ('N', 'n-${u}', 'UTC', 'USD', '')`, who: ["admin"] },
    // Rows that grant access (an assignment, an invitation's token and expiry) are the app's to write, as the
    // service role after it checked the caller: nobody signed in inserts one (issue 20).
    "public.client_engineers": { sql: `insert into public.client_engineers (client_id, user_id) values ('${a}', '${fx.unassigned.id}')`, who: [] },
    "public.invitations": { sql: `insert into public.invitations (client_id, email, role, token_hash, invited_by, expires_at)
      values ('${a}', 'n-${u}@x.test', 'member', '${u}', '${me}', now() + interval '7 days')`, who: [] },
    "public.staff_invitations": { sql: `insert into public.staff_invitations (email, role, token_hash, invited_by, expires_at)
      values ('s-${u}@x.test', 'engineer', '${u}', '${me}', now() + interval '7 days')`, who: [] },
    "public.retainer_terms": { sql: `insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents,
      overage_rate_cents_per_hour, overage_increment_minutes, rollover_cap_minutes, rollover_expiry_months, overage_preapproved_minutes)
      values ('${a}', '2031-01-01', 600, 100000, 15000, 15, 0, 0, 0)`, who: STAFF },
    "public.time_entries": { sql: `insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, billable, roadmap_item_id)
      values ('${a}', '${me}', '2030-03-05', 30, 'x', 'build', true, null)`, who: STAFF },
    "public.roadmap_items": { sql: `insert into public.roadmap_items (client_id, title, description, status, position, proposed_by)
      values ('${a}', 'Idea', '', 'proposed', 0, '${me}')`, who: ["owner", ...STAFF] },
    "public.roadmap_comments": { sql: `insert into public.roadmap_comments (client_id, item_id, author_id, body) values ('${a}', '${ids.item}', '${me}', 'hi')`,
      who: ["member", "owner", ...STAFF] },
    "public.weekly_updates": { sql: `insert into public.weekly_updates (client_id, week_start, status, title, body_md, facts, citations, source)
      values ('${a}', '2031-03-03', 'draft', '', '', '{}', '[]', 'manual')`, who: STAFF },
    // No page inserts these as the person; each attempt is a plausible row.
    "public.practice_settings": { sql: `insert into public.practice_settings (id) values (true) on conflict do nothing`, who: [] },
    "public.payment_instructions": { sql: `insert into public.payment_instructions (currency, body) values ('XTS', 'Pay by carrier pigeon')`, who: ["admin"] },
    // The client settings page saves billing details as an upsert: the insert policy decides who.
    "public.client_billing_details": { sql: `insert into public.client_billing_details (client_id, tax_treatment, tax_rate_bp, tax_label)
      values ('${a}', 'standard', 1500, 'GST') on conflict (client_id) do update set tax_label = excluded.tax_label`, who: STAFF },
    "public.profiles": { sql: `insert into public.profiles (id, email) values ('${me}', 'p-${u}@x.test') on conflict do nothing`, who: [] },
    "public.staff": { sql: `insert into public.staff (user_id, role) values ('${fx.ownerB.id}', 'admin')`, who: [] },
    "public.client_members": { sql: `insert into public.client_members (client_id, user_id, role) values ('${a}', '${fx.ownerB.id}', 'owner')`, who: [] },
    "public.billing_periods": { sql: `insert into public.billing_periods (client_id, month) values ('${a}', '2031-02-01')`, who: [] },
    "public.invoices": { sql: `insert into public.invoices (client_id, month, currency, total_cents) values ('${a}', '2031-04-01', 'USD', 1)`, who: [] },
    // Reminders are the cron's (service role), recorded with the emails they queued: nobody signed in writes one.
    "public.invoice_reminders": { sql: `insert into public.invoice_reminders (invoice_id, client_id, rung_days, days_overdue, recipients)
      values ('${targets.localInvoiceId}', '${a}', 7, 7, 0)`, who: [] },
    "public.invoice_lines": { sql: `insert into public.invoice_lines (invoice_id, client_id, kind, description, amount_cents)
      values ('${targets.localInvoiceId}', '${a}', 'adjustment', 'x', -1)`, who: [] },
    // Imports (issue 22) attribute time to other people: uploads and mappings are the admin's command's to
    // write as the service role; nobody signed in writes one directly, admins included.
    // A token's hash, scopes, client and expiry are the app's to write (lib/api/commands.ts): nobody signed in
    // inserts one, even for themselves.
    "public.api_tokens": { sql: `insert into public.api_tokens (user_id, name, token_hash, prefix, scopes, expires_at)
      values ('${me}', 'x', '${"a".repeat(64)}', 'rp_abcdef', '{hours:read}', now() + interval '1 day')`, who: [] },
    // Webhook endpoints carry a signing secret, deliveries a body and a schedule: the app's to write (lib/webhooks).
    "public.webhook_endpoints": { sql: `insert into public.webhook_endpoints (url, events, secret) values ('https://example.com/h', '{entry.created}', 'whsec_${"a".repeat(43)}')`, who: [] },
    "public.webhook_deliveries": { sql: `insert into public.webhook_deliveries (endpoint_id, event, payload) select id, 'entry.created', '{}' from public.webhook_endpoints limit 1`, who: [] },
    // Who asked, who decided, the status and the price of extra hours are the app's to write (lib/extra-hours).
    "public.extra_hours_requests": { sql: `insert into public.extra_hours_requests (client_id, month, minutes, reason, status, requested_by, decided_by, decided_at)
      values ('${a}', '2031-05-01', 600, 'x', 'approved', '${me}', '${me}', now())`, who: [] },
    // Confirmations and questions are the owners' commands' to write (lib/reviews), as the service role.
    "public.month_confirmations": { sql: `insert into public.month_confirmations (client_id, month, user_id) values ('${a}', '2031-05-01', '${me}')`, who: [] },
    "public.entry_questions": { sql: `insert into public.entry_questions (client_id, entry_id, month, opened_by)
      select client_id, id, date_trunc('month', work_date)::date, '${me}' from public.time_entries where client_id = '${a}' limit 1`, who: [] },
    "public.entry_question_messages": { sql: `insert into public.entry_question_messages (question_id, client_id, author_id, body)
      select id, client_id, '${me}', 'x' from public.entry_questions where client_id = '${a}' limit 1`, who: [] },
    // Notifications are written with the change they report, as the service role (lib/notifications): nobody signed
    // in writes one, not even into their own inbox, nor marks one read directly.
    "public.notifications": { sql: `insert into public.notifications (client_id, user_id, kind, title, href, dedupe_key, mail)
      values ('${a}', '${me}', 'update.published', 'x', '/clients', 'n-${u}', 'none')`, who: [] },
    // Slack connections (their URL encrypted), deliveries, comments on updates and inbound emails are the app's to
    // write (lib/slack, lib/updates/comments, the inbound route): nobody signed in writes one directly.
    "public.client_slack": { sql: `insert into public.client_slack (client_id, webhook_url_encrypted, url_hint) values ('${a}', '${"v1.".padEnd(40, "a")}', 'hooks.slack.com/…abcd')
      on conflict (client_id) do update set url_hint = excluded.url_hint`, who: [] },
    "public.slack_deliveries": { sql: `insert into public.slack_deliveries (client_id, event, dedupe_key, payload) values ('${a}', 'invoice.issued', 's-${u}', '{}')`, who: [] },
    "public.update_comments": { sql: `insert into public.update_comments (client_id, update_id, author_id, body)
      select client_id, id, '${me}', 'x' from public.weekly_updates where client_id = '${a}' limit 1`, who: [] },
    "public.inbound_emails": { sql: `insert into public.inbound_emails (outcome, reason) values ('refused', 'x')`, who: [] },
    "public.import_files": { sql: `insert into public.import_files (uploaded_by, file_name, format, bytes) values ('${me}', 'x.csv', 'harvest', '\\x41')`, who: [] },
    "public.import_mappings": { sql: `insert into public.import_mappings (source, kind, name, engineer_id) values ('harvest', 'person', 'p-${u}', '${me}')`, who: [] },
    // A timer's row (whose it is, when it started) is the timer commands' to write (lib/hours/timer): nobody
    // signed in starts, backdates or plants one directly, not even their own.
    "public.running_timers": { sql: `insert into public.running_timers (user_id, client_id, description, category) values ('${me}', '${a}', 'x', 'build')`, who: [] },
    "public.audit_events": { sql: `insert into public.audit_events (client_id, actor_id, action, entity) values ('${a}', '${me}', 'x', 'y')`, who: [] },
    // What AI saw and the handbook (issue 26) are the app's to write, inside the commands that drafted or saved.
    "public.ai_requests": { sql: `insert into public.ai_requests (client_id, purpose, endpoint, model, prompt_version, attempt, http_attempts, request, outcome)
      values ('${a}', 'planted', 'https://evil.test', 'm', 'v', 1, 1, '{}', 'accepted')`, who: [] },
    "public.handbook_pages": { sql: `insert into public.handbook_pages (client_id, section, title, visibility, created_by) values ('${a}', 'runbooks', 'Planted', 'client', '${me}')`, who: [] },
    "public.handbook_versions": { sql: `insert into public.handbook_versions (page_id, client_id, version, section, title, body_md, visibility, saved_by)
      select id, client_id, version + 100, section, title, 'rewritten', visibility, '${me}' from public.handbook_pages where client_id = '${a}' limit 1`, who: [] },
    "public.handbook_files": { sql: `insert into public.handbook_files (client_id, page_id, name, content_type, size_bytes, sha256, data, uploaded_by)
      select client_id, id, 'planted.png', 'image/png', 1, '${"b".repeat(64)}', '\\x89', '${me}' from public.handbook_pages where client_id = '${a}' limit 1`, who: [] },
    "public.stripe_events": { sql: `insert into public.stripe_events (id, type) values ('evt_${u}', 'invoice.paid')`, who: [] },
    "public.outbox": { sql: `insert into public.outbox (kind, to_email, subject, body_text) values ('x', 'a@b.c', 's', 'b')`, who: [] },
    "public.sign_in_codes": { sql: `insert into public.sign_in_codes (email, code_hash, expires_at) values ('a@b.c', 'h', now() + interval '1 hour')`, who: [] },
    "public.rate_limit_hits": { sql: `insert into public.rate_limit_hits (bucket) values ('x')`, who: [] },
    // The security record is the app's (lib/auth/events): nobody signed in forges, edits or erases an event.
    "public.security_events": { sql: `insert into public.security_events (kind, outcome, user_id) values ('signed_in', 'ok', '${me}')`, who: [] },
    "auth.users": { sql: `insert into auth.users (email) values ('u-${u}@x.test')`, who: [] },
    // GoTrue's sessions (hosted sign-in): a session is GoTrue's to start; nobody signed in writes one.
    "auth.sessions": { sql: `insert into auth.sessions (id, user_id, created_at) values ('${u}', '${me}', now())`, who: [] },
    "private.sessions": { sql: `insert into private.sessions (user_id, expires_at) values ('${me}', now() + interval '1 day')`, who: [] },
    // Second factors are the app's (lib/auth/factors): nobody signed in plants a secret or a recovery code.
    "private.totp_factors": { sql: `insert into private.totp_factors (user_id, secret_sealed) values ('${me}', 'v1.x.y') on conflict (user_id) do update set secret_sealed = 'v1.x.y'`, who: [] },
    "private.recovery_codes": { sql: `insert into private.recovery_codes (user_id, code_hash) values ('${me}', repeat('a', 64))`, who: [] },
    // Nobody signed in plants a passkey's public key (their own would become a second factor) or a challenge.
    "private.passkeys": { sql: `insert into private.passkeys (user_id, credential_id, public_key, name) values ('${me}', repeat('c', 20) || '${u}', '\\x00112233445566778899aabbccddeeff', 'mine')`, who: [] },
    "private.webauthn_challenges": { sql: `insert into private.webauthn_challenges (user_id, purpose, challenge, expires_at) values ('${me}', 'sign-in', repeat('d', 32), now() + interval '1 day') on conflict (user_id, purpose) do update set challenge = excluded.challenge`, who: [] },
    "public.job_runs": { sql: `insert into public.job_runs (job, ok) values ('close-months', true)`, who: [] },
    "private.client_data_versions": { sql: `insert into private.client_data_versions (client_id) values ('${randomUUID()}')`, who: [] },
    // The ledger's day sums and the changes on their way to them are kept by triggers on time_entries, read
    // through private.ledger_totals alone.
    "private.ledger_days": { sql: `insert into private.ledger_days (client_id, work_date, category, billable, correction, voided, entries, minutes)
      values ('${a}', '1999-01-01', 'build', true, false, false, 1, 60) on conflict on constraint ledger_days_key do update set entries = 1`, who: [] },
    "private.ledger_day_changes": { sql: `insert into private.ledger_day_changes (client_id, work_date, category, billable, correction, voided, entries, minutes)
      values ('${a}', '1999-01-01', 'build', true, false, false, 0, 0)`, who: [] },
    // The local invoice counter is the close's (service role): nobody signed in adds, moves or resets it.
    "private.invoice_counters": { sql: `insert into private.invoice_counters (practice, last) values (true, 0) on conflict (practice) do update set last = 0`, who: [] },
  };
  const row = rows[table];
  if (!row) throw new Error(`no insert for ${table}: add one to the sweep`);
  return row;
};

describe("direct table access: the sweep", () => {
  it("lets every actor change only what their pages change, table by table and column by column", async () => {
    // Every table and (updatable) column of every schema the API roles can use, from the catalog: a new one
    // is swept without anyone adding it here.
    const columns = await admin<{ table: string; column: string; type: string }[]>`
      select n.nspname || '.' || c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attidentity <> 'a' and a.attgenerated = ''
      where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema', 'supabase_migrations') and n.nspname not like 'pg\\_%'
        and (has_schema_privilege('anon', n.oid, 'USAGE') or has_schema_privilege('authenticated', n.oid, 'USAGE'))
      order by 1, 2`;
    const tables = [...new Set(columns.map((c) => c.table))];
    const mismatches: string[] = [];
    let attempts = 0;
    const check = async (what: string, who: ActorKey, sql: string, allowed: boolean) => {
      const outcome = await asPostgrest(admin, cast[who], (tx) => tx.unsafe(sql), { rollback: true });
      attempts++;
      const changed = outcome.rows > 0;
      if (changed !== allowed) mismatches.push(`${what} by ${who}: expected ${allowed ? "allowed" : "refused"}, ${outcome.refused ? `refused (${outcome.refused})` : `${outcome.rows} rows`}`);
    };
    for (const table of tables) {
      const rows = scope(table, columns.some((c) => c.table === table && c.column === "client_id"));
      for (const who of ACTORS) {
        const me = cast[who].id ?? randomUUID();
        const insert = insertOf(table, me);
        await check(`insert into ${table}`, who, insert.sql, insert.who.includes(who));
        for (const { column, type } of columns.filter((c) => c.table === table)) {
          // The value the row already has, sent as a value (as PostgREST sends a PATCH body): the attempt
          // needs the update privilege and the policies, not the right to read the column.
          const [{ value }] = await admin.unsafe<{ value: string }[]>(
            `select coalesce((select quote_nullable("${column}"::text) from ${table} where ${rows} limit 1), 'null') as value`);
          const allowed = UI_UPDATES[table]?.[who]?.includes(column) ?? false;
          await check(`update ${table}.${column}`, who, `update ${table} set "${column}" = ${value}::${type} where ${rows}`, allowed);
        }
        await check(`delete from ${table}`, who, `delete from ${table} where ${rows}`, UI_DELETES[table]?.includes(who) ?? false);
      }
    }
    console.info(`direct table access sweep: ${tables.length} tables × ${ACTORS.length} actors, ${attempts} attempts, ${mismatches.length} mismatches`);
    expect(mismatches).toEqual([]);
    expect(tables).toEqual(expect.arrayContaining(["public.invoices", "public.audit_events", "auth.users", "private.client_data_versions"]));
    expect(attempts).toBeGreaterThan(1500);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe("what the pages do as the person still works", () => {
  it("marks a local invoice paid as the engineer, with its audit event, and refuses a Stripe one", async () => {
    const a = fx.clientA;
    const [inv] = await admin`insert into public.invoices (client_id, month, number, status, currency, total_cents, issued_at, pushed_at)
      values (${a}, '2029-06-01', ${`INV-P${randomUUID().slice(0, 6)}`}, 'open', 'USD', 5000, now(), now()) returning id`;
    expect(await asUser(fx.assigned.claims, (tx) => markPaidLocally(tx, { clientId: a, invoiceId: inv.id }))).toBe(true);
    expect(await asUser(fx.assigned.claims, (tx) => markPaidLocally(tx, { clientId: a, invoiceId: inv.id }))).toBe(false); // already paid
    expect(await asUser(fx.assigned.claims, (tx) => markPaidLocally(tx, { clientId: a, invoiceId: targets.stripeInvoiceId }))).toBe(false);
    const paid = await asUser(fx.ownerA.claims, (tx) => getInvoice(tx, { clientId: a, invoiceId: inv.id }).then((row) => row!));
    expect(paid.status).toBe("paid");
    expect(paid.paidAt).toBeInstanceOf(Date);
    const audit = await admin`select actor_id, action, data from public.audit_events where entity_id = ${inv.id}`;
    expect(audit).toEqual([{ actor_id: fx.assigned.id, action: "invoice.paid", data: { via: "staff" } }]);
    // Not the engineer's to call for another client, and never the owner's.
    const other = await asUser(fx.unassigned.claims, (tx) => tx`select private.mark_local_invoice_paid(${a}, ${targets.localInvoiceId}) as changed`);
    expect(other[0].changed).toBe(false);
  });

  it("shows fees and statements to staff and owners, minutes alone to a member", async () => {
    const a = fx.clientA;
    const fee = async (u: TestUser) => (await asUser(u.claims, (tx) => listTerms(tx, { clientId: a }))).map((t) => [t.includedMinutes, t.monthlyFeeCents, t.overageRateCentsPerHour]);
    expect(await fee(fx.ownerA)).toEqual([[1200, 400000, 20000], [900, 300000, 20000]]);
    expect(await fee(fx.assigned)).toEqual([[1200, 400000, 20000], [900, 300000, 20000]]);
    expect(await fee(fx.memberA)).toEqual([[1200, 0, 0], [900, 0, 0]]);
    const statement = (u: TestUser) => asUser(u.claims, (tx) => periodStatement(tx, { clientId: a, month: "2030-01-01" }));
    expect(await statement(fx.ownerA)).toEqual(STATEMENT);
    expect(await statement(fx.admin)).toEqual(STATEMENT);
    expect(await statement(fx.memberA)).toBeNull();
    expect(await statement(fx.unassigned)).toBeNull();
    // The member's statements page still lists the closed months.
    expect((await asUser(fx.memberA.claims, (tx) => closedMonths(tx, { clientId: a }))).map((m) => m.month)).toEqual(["2030-02-01", "2030-01-01"]);
  });

  it("sets and changes terms of an open month as the engineer, auditing the fee before and after", async () => {
    const a = fx.clientA;
    const terms = { effectiveMonth: "2030-06-01", includedMinutes: 600, monthlyFeeCents: 250000, overageRateCentsPerHour: 15000,
      overageIncrementMinutes: 15, rolloverCapMinutes: 0, rolloverExpiryMonths: 0, overagePreapprovedMinutes: 0 };
    await asUser(fx.assigned.claims, (tx) => setTerms(tx, fx.assigned.id, a, terms));
    await asUser(fx.assigned.claims, (tx) => setTerms(tx, fx.assigned.id, a, { ...terms, monthlyFeeCents: 300000 }));
    const [row] = await admin`select monthly_fee_cents from public.retainer_terms where client_id = ${a} and effective_month = '2030-06-01'`;
    expect(row.monthly_fee_cents).toBe("300000");
    const audit = await admin`select action, data->'before' as before from public.audit_events where client_id = ${a} and entity = 'retainer_terms' order by id`;
    expect(audit).toEqual([
      { action: "terms.set", before: null },
      { action: "terms.changed", before: { included_minutes: 600, monthly_fee_cents: 250000, overage_rate_cents_per_hour: 15000 } },
    ]);
    // A closed month's terms are the database's to keep, too (the page says so first).
    const closed = await asPostgrest(admin, cast.assigned, (tx) => tx`update public.retainer_terms set monthly_fee_cents = 1 where client_id = ${a} and effective_month = '2030-01-01'`);
    expect(closed.rows).toBe(0);
  });

  it("records audit events as the service role and hands the transaction back to the caller's role", async () => {
    const roles = await asUser(fx.assigned.claims, async (tx) => {
      await recordAudit(tx, { clientId: fx.clientA, actorId: fx.assigned.id, action: "entry.created", entity: "time_entry" });
      const [user] = await tx<{ role: string }[]>`select current_setting('role') as role`;
      const nested = await withServiceRole(tx, async () => {
        await recordAudit(tx, { clientId: fx.clientA, actorId: null, action: "outbox.queued", entity: "outbox" });
        const [r] = await tx<{ role: string }[]>`select current_setting('role') as role`;
        return r.role;
      });
      const [back] = await tx<{ role: string }[]>`select current_setting('role') as role`;
      return [user.role, nested, back.role];
    });
    expect(roles).toEqual(["authenticated", "service_role", "authenticated"]);
  });
});
