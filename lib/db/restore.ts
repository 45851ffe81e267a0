// Restoring our own export into an empty practice (issue 22's round trip): the rows go back with the ids they
// had, so corrections, invoice lines, comments and entries linked to roadmap items find what they point at,
// and closed months keep the statements they were billed with. Every statement is the service role's, inside
// the admin's authorized transaction (lib/import/restore.ts wraps them); each batch is one statement over a JSON
// array, as the import writes entries.
import type { Tx } from "@/lib/db";

type Json = Record<string, unknown>;
const rowsOf = (tx: Tx, rows: readonly Json[]) => tx.json(rows as never);

/** What the practice already holds: a restore goes only into an empty one. */
export async function practiceContents(tx: Tx) {
  const [row] = await tx<{ clients: number; entries: number; invoices: number }[]>`
    select (select count(*)::int from public.clients) as clients, (select count(*)::int from public.time_entries) as entries,
           (select count(*)::int from public.invoices) as invoices`;
  return row;
}

/** The practice's settings as exported (columns it does not name keep their values). */
export async function restorePracticeSettings(tx: Tx, { settings }: { settings: Json }) {
  await tx`
    update public.practice_settings s set
      name = coalesce(r.name, s.name), address = coalesce(r.address, s.address), invoice_email = coalesce(r.invoice_email, s.invoice_email),
      days_until_due = coalesce(r.days_until_due, s.days_until_due), invoice_footer = coalesce(r.invoice_footer, s.invoice_footer),
      legal_name = coalesce(r.legal_name, s.legal_name), country = coalesce(r.country, s.country),
      tax_registrations = coalesce(r.tax_registrations, s.tax_registrations), stripe_automatic_tax = coalesce(r.stripe_automatic_tax, s.stripe_automatic_tax),
      reminder_days = coalesce(r.reminder_days, s.reminder_days), stripe_sends_reminders = coalesce(r.stripe_sends_reminders, s.stripe_sends_reminders),
      first_month = coalesce(r.first_month, s.first_month), updated_at = now()
    from jsonb_populate_record(null::public.practice_settings, ${tx.json(settings as never)}) r`;
}

export async function insertPaymentInstructions(tx: Tx, { rows }: { rows: { currency: string | null; body: string }[] }) {
  if (!rows.length) return;
  await tx`
    insert into public.payment_instructions (currency, body)
    select r.currency, r.body from jsonb_to_recordset(${rowsOf(tx, rows)}) as r(currency text, body text)
    on conflict on constraint payment_instructions_one_per_currency do nothing`;
}

/**
 * The people of the archive by email: each one found, or created as an account of the built-in sign-in (who
 * signs in later with a code to that address, as after an invitation). Returns email → profile id.
 */
export async function ensurePeople(tx: Tx, { people }: { people: { email: string; name: string }[] }): Promise<Map<string, string>> {
  if (!people.length) return new Map();
  await tx`
    insert into auth.users (email, raw_user_meta_data)
    select lower(r.email), jsonb_build_object('full_name', r.name) from jsonb_to_recordset(${rowsOf(tx, people)}) as r(email text, name text)
    on conflict (lower(email)) do nothing`;
  const rows = await tx<{ id: string; email: string }[]>`
    select id, email from public.profiles where email = any(${people.map((p) => p.email.toLowerCase())}::text[])`;
  return new Map(rows.map((r) => [r.email, r.id]));
}

/** Staff roles as exported; a person already on staff (the admin restoring) keeps the role they have. */
export async function insertStaffRoles(tx: Tx, { rows }: { rows: { userId: string; role: string }[] }) {
  if (!rows.length) return;
  await tx`
    insert into public.staff (user_id, role)
    select r.user_id, r.role from jsonb_to_recordset(${rowsOf(tx, rows.map((r) => ({ user_id: r.userId, role: r.role })))}) as r(user_id uuid, role text)
    on conflict (user_id) do nothing`;
}

export async function insertClient(tx: Tx, { client }: { client: Json }) {
  await tx`
    insert into public.clients (id, name, slug, timezone, currency, billing_email, billing_timing, start_date, ai_drafting_enabled, archived_at, created_at)
    select r.id, r.name, r.slug, r.timezone, r.currency, r.billing_email, r.billing_timing, r.start_date, r.ai_drafting_enabled, r.archived_at, r.created_at
    from jsonb_populate_record(null::public.clients, ${tx.json(client as never)}) r`;
}

export async function insertBillingDetails(tx: Tx, { clientId, details }: { clientId: string; details: Json }) {
  await tx`
    insert into public.client_billing_details (client_id, legal_name, address, country, tax_id, tax_treatment, tax_rate_bp, tax_label, tax_note)
    select ${clientId}, r.legal_name, r.address, r.country, r.tax_id, r.tax_treatment, r.tax_rate_bp, r.tax_label, r.tax_note
    from jsonb_populate_record(null::public.client_billing_details, ${tx.json(details as never)}) r`;
}

export async function insertTerms(tx: Tx, { clientId, rows }: { clientId: string; rows: Json[] }) {
  if (!rows.length) return;
  await tx`
    insert into public.retainer_terms (id, client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour,
      overage_increment_minutes, rollover_cap_minutes, rollover_expiry_months, overage_preapproved_minutes)
    select r.terms_id, ${clientId}, to_date(r.effective_month, 'YYYY-MM'), r.included_minutes, r.monthly_fee_cents, r.overage_rate_cents_per_hour,
      r.overage_increment_minutes, r.rollover_cap_minutes, r.rollover_expiry_months, r.overage_preapproved_minutes
    from jsonb_to_recordset(${rowsOf(tx, rows)}) as r(terms_id uuid, effective_month text, included_minutes integer, monthly_fee_cents bigint,
      overage_rate_cents_per_hour bigint, overage_increment_minutes integer, rollover_cap_minutes integer, rollover_expiry_months integer,
      overage_preapproved_minutes integer)`;
}

export async function insertClientPeople(tx: Tx, { clientId, members, engineers }: { clientId: string; members: { userId: string; role: string }[]; engineers: string[] }) {
  if (members.length) {
    await tx`
      insert into public.client_members (client_id, user_id, role)
      select ${clientId}, r.user_id, r.role from jsonb_to_recordset(${rowsOf(tx, members.map((m) => ({ user_id: m.userId, role: m.role })))}) as r(user_id uuid, role text)
      on conflict do nothing`;
  }
  if (engineers.length) {
    await tx`
      insert into public.client_engineers (client_id, user_id) select ${clientId}, u from unnest(${engineers}::uuid[]) u on conflict do nothing`;
  }
}

export async function insertRoadmapItems(tx: Tx, { clientId, rows }: { clientId: string; rows: Json[] }) {
  if (!rows.length) return;
  await tx`
    insert into public.roadmap_items (id, client_id, title, description, status, position, target_month, estimate_minutes, proposed_by,
      drop_reason, shipped_at, created_at, updated_at)
    select r.id, ${clientId}, r.title, r.description, r.status, r.position, to_date(r.target_month, 'YYYY-MM'), r.estimate_minutes, r.proposed_by,
      r.drop_reason, r.shipped_at, r.created_at, r.updated_at
    from jsonb_to_recordset(${rowsOf(tx, rows)}) as r(id uuid, title text, description text, status text, position integer, target_month text,
      estimate_minutes integer, proposed_by uuid, drop_reason text, shipped_at timestamptz, created_at timestamptz, updated_at timestamptz)`;
}

export async function insertRoadmapComments(tx: Tx, { clientId, rows }: { clientId: string; rows: Json[] }) {
  if (!rows.length) return;
  await tx`
    insert into public.roadmap_comments (id, client_id, item_id, author_id, body, created_at)
    select r.id, ${clientId}, r.item_id, r.author_id, r.body, r.created_at
    from jsonb_to_recordset(${rowsOf(tx, rows)}) as r(id uuid, item_id uuid, author_id uuid, body text, created_at timestamptz)`;
}

/** Entries with their ids, voids and corrections as they were (before the months they fall in are closed). */
export async function insertEntries(tx: Tx, { clientId, rows }: { clientId: string; rows: Json[] }) {
  if (!rows.length) return;
  await tx`
    insert into public.time_entries (id, client_id, engineer_id, work_date, minutes, description, category, billable, roadmap_item_id,
      adjusts_entry_id, voided_at, voided_by, void_reason, import_key, created_at, updated_at)
    select r.id, ${clientId}, r.engineer_id, r.work_date, r.minutes, r.description, r.category, r.billable, r.roadmap_item_id,
      r.adjusts_entry_id, r.voided_at, r.voided_by, r.void_reason, r.import_key, r.created_at, r.updated_at
    from jsonb_to_recordset(${rowsOf(tx, rows)}) as r(id uuid, engineer_id uuid, work_date date, minutes integer, description text,
      category text, billable boolean, roadmap_item_id uuid, adjusts_entry_id uuid, voided_at timestamptz, voided_by uuid, void_reason text,
      import_key text, created_at timestamptz, updated_at timestamptz)`;
}

/** Closed months with the statements they were billed with. */
export async function insertClosedPeriods(tx: Tx, { clientId, rows }: { clientId: string; rows: Json[] }) {
  if (!rows.length) return;
  await tx`
    insert into public.billing_periods (client_id, month, status, closed_at, statement)
    select ${clientId}, to_date(r.month, 'YYYY-MM'), 'closed', r.closed_at, r.statement
    from jsonb_to_recordset(${rowsOf(tx, rows)}) as r(month text, closed_at timestamptz, statement jsonb)`;
}

export async function insertInvoices(tx: Tx, { clientId, rows }: { clientId: string; rows: Json[] }) {
  if (!rows.length) return;
  await tx`
    insert into public.invoices (id, client_id, month, number, status, currency, tax_cents, total_cents, due_date, issued_at, paid_at,
      hosted_invoice_url, stripe_invoice_id, stripe_sent_at, pushed_at, legal, created_at)
    select r.id, ${clientId}, to_date(r.month, 'YYYY-MM'), r.number, r.status, r.currency, r.tax_cents, r.total_cents, r.due_date, r.issued_at,
      r.paid_at, r.hosted_invoice_url, r.stripe_invoice_id, r.stripe_sent_at, r.pushed_at, r.legal, r.created_at
    from jsonb_to_recordset(${rowsOf(tx, rows)}) as r(id uuid, month text, number text, status text, currency text, tax_cents bigint,
      total_cents bigint, due_date date, issued_at timestamptz, paid_at timestamptz, hosted_invoice_url text, stripe_invoice_id text,
      stripe_sent_at timestamptz, pushed_at timestamptz, legal jsonb, created_at timestamptz)`;
}

export async function insertInvoiceLines(tx: Tx, { clientId, rows }: { clientId: string; rows: Json[] }) {
  if (!rows.length) return;
  await tx`
    insert into public.invoice_lines (invoice_id, client_id, position, kind, description, quantity_minutes, unit_amount_cents, amount_cents,
      tax_rate_bp, for_month, stripe_invoice_item_id)
    select r.invoice_id, ${clientId}, r.position, r.kind, r.description, r.quantity_minutes, r.unit_amount_cents, r.amount_cents, r.tax_rate_bp,
      to_date(r.for_month, 'YYYY-MM'), r.stripe_invoice_item_id
    from jsonb_to_recordset(${rowsOf(tx, rows)}) as r(invoice_id uuid, position integer, kind text, description text, quantity_minutes integer,
      unit_amount_cents bigint, amount_cents bigint, tax_rate_bp integer, for_month text, stripe_invoice_item_id text)`;
}

export async function insertUpdates(tx: Tx, { clientId, rows }: { clientId: string; rows: Json[] }) {
  if (!rows.length) return;
  await tx`
    insert into public.weekly_updates (id, client_id, week_start, status, title, body_md, facts, citations, source, model, prompt_version,
      published_at, published_by, created_at, updated_at)
    select r.id, ${clientId}, r.week_start, r.status, r.title, r.body_md, coalesce(r.facts, '{}'), coalesce(r.citations, '[]'), r.source, r.model,
      r.prompt_version, r.published_at, r.published_by, r.created_at, r.updated_at
    from jsonb_to_recordset(${rowsOf(tx, rows)}) as r(id uuid, week_start date, status text, title text, body_md text, facts jsonb, citations jsonb,
      source text, model text, prompt_version text, published_at timestamptz, published_by uuid, created_at timestamptz, updated_at timestamptz)`;
}

export async function insertExtraHoursRequests(tx: Tx, { clientId, rows }: { clientId: string; rows: Json[] }) {
  if (!rows.length) return;
  await tx`
    insert into public.extra_hours_requests (id, client_id, month, minutes, roadmap_item_id, reason, quoted_cents, status, requested_by, requested_at,
      decided_by, decided_at, po_number, decision_note)
    select r.id, ${clientId}, to_date(r.month, 'YYYY-MM'), r.minutes, r.roadmap_item_id, r.reason, r.quoted_cents, r.status, r.requested_by, r.requested_at,
      r.decided_by, r.decided_at, r.po_number, r.decision_note
    from jsonb_to_recordset(${rowsOf(tx, rows)}) as r(id uuid, month text, minutes integer, roadmap_item_id uuid, reason text, quoted_cents bigint, status text,
      requested_by uuid, requested_at timestamptz, decided_by uuid, decided_at timestamptz, po_number text, decision_note text)`;
}

/** Owners' questions on entries with their threads (the entries are restored first). */
export async function insertEntryQuestions(tx: Tx, { clientId, rows, messages }: { clientId: string; rows: Json[]; messages: Json[] }) {
  if (!rows.length) return;
  await tx`
    insert into public.entry_questions (id, client_id, entry_id, month, opened_by, opened_at, status, resolved_by, resolved_at)
    select r.id, ${clientId}, r.entry_id, to_date(r.month, 'YYYY-MM'), r.opened_by, r.opened_at, r.status, r.resolved_by, r.resolved_at
    from jsonb_to_recordset(${rowsOf(tx, rows)}) as r(id uuid, entry_id uuid, month text, opened_by uuid, opened_at timestamptz, status text,
      resolved_by uuid, resolved_at timestamptz)`;
  if (!messages.length) return;
  await tx`
    insert into public.entry_question_messages (question_id, client_id, author_id, body, created_at)
    select r.question_id, ${clientId}, r.author_id, r.body, r.created_at
    from jsonb_to_recordset(${rowsOf(tx, messages)}) as r(question_id uuid, author_id uuid, body text, created_at timestamptz)`;
}

export async function insertMonthConfirmations(tx: Tx, { clientId, rows }: { clientId: string; rows: Json[] }) {
  if (!rows.length) return;
  await tx`
    insert into public.month_confirmations (client_id, month, user_id, confirmed_at)
    select ${clientId}, to_date(r.month, 'YYYY-MM'), r.user_id, r.confirmed_at
    from jsonb_to_recordset(${rowsOf(tx, rows)}) as r(month text, user_id uuid, confirmed_at timestamptz)`;
}

/** The audit trail as it was (new event ids: the trail is ordered by time). */
export async function insertAuditEvents(tx: Tx, { clientId, rows }: { clientId: string; rows: Json[] }) {
  if (!rows.length) return;
  await tx`
    insert into public.audit_events (client_id, actor_id, action, entity, entity_id, data, at)
    select ${clientId}, r.actor_id, r.action, r.entity, r.entity_id, coalesce(r.data, '{}'), r.at
    from jsonb_to_recordset(${rowsOf(tx, rows)}) as r(actor_id uuid, action text, entity text, entity_id text, data jsonb, at timestamptz)`;
}

/** The local invoice counter carries on after the highest number restored, so the series has no gap and no repeat. */
export async function continueInvoiceSeries(tx: Tx) {
  await tx`
    update private.invoice_counters set last = greatest(last, coalesce(
      (select max((substring(number from '^INV-(\\d{1,15})$'))::bigint) from public.invoices), 0))
    where practice`;
}

/**
 * Reminders the restored invoices were already past: each rung of the ladder an open invoice has passed counts
 * as handled, so a restore never sends a client a burst of reminders the old instance sent (or chose not to).
 */
export async function settlePastReminders(tx: Tx, { today }: { today: string }) {
  await tx`
    insert into public.invoice_reminders (invoice_id, client_id, rung_days, days_overdue, recipients, sent_at)
    select i.id, i.client_id, rung, ${today}::date - i.due_date, 0, now()
    from public.invoices i cross join unnest((select reminder_days from public.practice_settings)) rung
    where i.status = 'open' and i.due_date is not null and ${today}::date - i.due_date >= rung
    on conflict do nothing`;
}

/** Handbook pages as exported, with their ids (their versions, files and AI records name them). */
export async function insertHandbookPages(tx: Tx, { clientId, rows }: { clientId: string; rows: Json[] }) {
  if (!rows.length) return;
  await tx`
    insert into public.handbook_pages (id, client_id, section, title, body_md, visibility, roadmap_item_id, version, created_by, updated_by, created_at, updated_at)
    select r.id, ${clientId}, r.section, r.title, r.body_md, r.visibility,
      (select i.id from public.roadmap_items i where i.id = r.roadmap_item_id and i.client_id = ${clientId}), r.version, r.created_by, r.updated_by, r.created_at, r.updated_at
    from jsonb_to_recordset(${rowsOf(tx, rows)}) as r(id uuid, section text, title text, body_md text, visibility text, roadmap_item_id uuid, version integer,
      created_by uuid, updated_by uuid, created_at timestamptz, updated_at timestamptz)`;
}

export async function insertHandbookVersions(tx: Tx, { clientId, rows }: { clientId: string; rows: Json[] }) {
  if (!rows.length) return;
  await tx`
    insert into public.handbook_versions (page_id, client_id, version, section, title, body_md, visibility, roadmap_item_id, saved_by, saved_at, restored_from, source)
    select r.page_id, ${clientId}, r.version, r.section, r.title, r.body_md, r.visibility, r.roadmap_item_id, r.saved_by, r.saved_at, r.restored_from, r.source
    from jsonb_to_recordset(${rowsOf(tx, rows)}) as r(page_id uuid, version integer, section text, title text, body_md text, visibility text,
      roadmap_item_id uuid, saved_by uuid, saved_at timestamptz, restored_from integer, source text)`;
}

/** One attachment, its bytes in `data` or in the Storage object at `storagePath`. */
export async function insertRestoredFile(tx: Tx, { clientId, file }: {
  clientId: string;
  file: { id: string; pageId: string; name: string; contentType: string; sizeBytes: number; sha256: string; data: Uint8Array | null; storagePath: string | null; uploadedBy: string | null; createdAt: string };
}) {
  await tx`
    insert into public.handbook_files (id, client_id, page_id, name, content_type, size_bytes, sha256, data, storage_path, uploaded_by, created_at)
    values (${file.id}, ${clientId}, ${file.pageId}, ${file.name}, ${file.contentType}, ${file.sizeBytes}, ${file.sha256}, ${file.data}, ${file.storagePath},
      ${file.uploadedBy}, ${file.createdAt})`;
}

export async function insertAiRequestRows(tx: Tx, { clientId, rows }: { clientId: string; rows: Json[] }) {
  if (!rows.length) return;
  await tx`
    insert into public.ai_requests (id, client_id, requested_by, created_at, purpose, endpoint, model, answered_by, prompt_version, attempt, http_attempts,
      request, response, outcome, feedback, input_tokens, output_tokens, masked, update_id, handbook_page_id)
    select r.id, ${clientId}, r.requested_by, r.created_at, r.purpose, r.endpoint, r.model, r.answered_by, r.prompt_version, r.attempt, r.http_attempts,
      r.request, r.response, r.outcome, r.feedback, r.input_tokens, r.output_tokens, coalesce(r.masked, '[]'),
      -- What it became, when the archive brought that back too (an owner's export holds no drafts or internal pages).
      (select u.id from public.weekly_updates u where u.id = r.update_id and u.client_id = ${clientId}),
      (select p.id from public.handbook_pages p where p.id = r.handbook_page_id and p.client_id = ${clientId})
    from jsonb_to_recordset(${rowsOf(tx, rows)}) as r(id uuid, requested_by uuid, created_at timestamptz, purpose text, endpoint text, model text,
      answered_by text, prompt_version text, attempt smallint, http_attempts smallint, request jsonb, response text, outcome text, feedback text,
      input_tokens integer, output_tokens integer, masked jsonb, update_id uuid, handbook_page_id uuid)`;
}
