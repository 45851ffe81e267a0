// What an export takes out (issue 22): every dataset of a client as the caller may read it (RLS decides, so an
// export never holds more than its reader's pages show), as queries the archive reads with a cursor, a few
// hundred rows at a time. Columns are named as the files name them (snake_case, stable across versions).
// Each statement carries /* export */, so pg_stat_activity tells an export's connection from the others.
import type { Tx } from "@/lib/db";

/** The export reads in one snapshot and writes nothing: its transaction says so to the database. */
export async function readOnly(tx: Tx) {
  await tx`set transaction read only /* export */`;
}

export const exportEntries = (tx: Tx, { clientId }: { clientId: string }) => tx`
  select /* export */ e.id as entry_id, to_char(e.work_date, 'YYYY-MM-DD') as date, e.minutes, round(e.minutes / 60.0, 2)::float8 as hours, e.billable, e.category,
         e.description, p.full_name as engineer, p.email as engineer_email, r.title as roadmap_item, e.roadmap_item_id,
         case when e.voided_at is not null then 'voided' when e.adjusts_entry_id is not null then 'correction' else 'logged' end as status,
         e.adjusts_entry_id as corrects_entry_id, e.voided_at, e.void_reason, v.email as voided_by_email, e.import_key, e.created_at, e.updated_at
  from public.time_entries e
  left join public.profiles p on p.id = e.engineer_id
  left join public.profiles v on v.id = e.voided_by
  left join public.roadmap_items r on r.id = e.roadmap_item_id
  where e.client_id = ${clientId}
  order by e.work_date, e.created_at, e.id`;

export const exportStatements = (tx: Tx, { clientId }: { clientId: string }) => tx`
  select /* export */ to_char(bp.month, 'YYYY-MM') as month, bp.closed_at, private.period_statement(bp.client_id, bp.month) as statement
  from public.billing_periods bp where bp.client_id = ${clientId} and bp.status = 'closed' order by bp.month`;

export const exportInvoices = (tx: Tx, { clientId }: { clientId: string }) => tx`
  select /* export */ id as invoice_id, number, to_char(month, 'YYYY-MM') as month, status, currency, net_cents, tax_cents, total_cents,
         to_char(due_date, 'YYYY-MM-DD') as due_date, issued_at, paid_at, hosted_invoice_url, stripe_invoice_id, stripe_sent_at, pushed_at, legal, created_at
  from public.invoices where client_id = ${clientId} order by month, created_at`;

export const exportInvoiceLines = (tx: Tx, { clientId }: { clientId: string }) => tx`
  select /* export */ l.invoice_id, i.number as invoice_number, l.position, l.kind, l.description, l.quantity_minutes, l.unit_amount_cents, l.amount_cents, l.tax_rate_bp,
         to_char(l.for_month, 'YYYY-MM') as for_month, l.stripe_invoice_item_id
  from public.invoice_lines l join public.invoices i on i.id = l.invoice_id
  where l.client_id = ${clientId} order by i.month, l.invoice_id, l.position`;

export const exportRoadmapItems = (tx: Tx, { clientId }: { clientId: string }) => tx`
  select /* export */ r.id as item_id, r.title, r.description, r.status, r.position, to_char(r.target_month, 'YYYY-MM') as target_month,
         r.estimate_minutes, p.full_name as proposed_by, p.email as proposed_by_email, r.drop_reason, r.shipped_at, r.created_at, r.updated_at
  from public.roadmap_items r left join public.profiles p on p.id = r.proposed_by
  where r.client_id = ${clientId} order by r.status, r.position, r.created_at`;

export const exportRoadmapComments = (tx: Tx, { clientId }: { clientId: string }) => tx`
  select /* export */ c.id as comment_id, c.item_id, r.title as item_title, p.full_name as author, p.email as author_email, c.body, c.created_at
  from public.roadmap_comments c join public.roadmap_items r on r.id = c.item_id left join public.profiles p on p.id = c.author_id
  where c.client_id = ${clientId} order by c.created_at, c.id`;

export const exportUpdates = (tx: Tx, { clientId }: { clientId: string }) => tx`
  select /* export */ u.id as update_id, to_char(u.week_start, 'YYYY-MM-DD') as week_start, u.status, u.title, u.body_md, u.source, u.model,
         u.prompt_version, u.published_at, p.full_name as published_by, p.email as published_by_email, u.facts, u.citations, u.created_at, u.updated_at
  from public.weekly_updates u left join public.profiles p on p.id = u.published_by
  where u.client_id = ${clientId} order by u.week_start`;

export const exportHandbookPages = (tx: Tx, { clientId }: { clientId: string }) => tx`
  select /* export */ p.id as page_id, p.section, p.title, p.visibility, p.version, p.roadmap_item_id, r.title as roadmap_item, p.body_md,
         c.email as created_by_email, u.email as updated_by_email, p.created_at, p.updated_at
  from public.handbook_pages p
  left join public.roadmap_items r on r.id = p.roadmap_item_id
  left join public.profiles c on c.id = p.created_by
  left join public.profiles u on u.id = p.updated_by
  where p.client_id = ${clientId} order by p.section, p.title, p.id`;

export const exportHandbookVersions = (tx: Tx, { clientId }: { clientId: string }) => tx`
  select /* export */ v.page_id, v.version, v.section, v.title, v.visibility, v.roadmap_item_id, v.body_md, s.email as saved_by_email, v.saved_at, v.restored_from, v.source
  from public.handbook_versions v left join public.profiles s on s.id = v.saved_by
  where v.client_id = ${clientId} order by v.page_id, v.version`;

export const exportHandbookFiles = (tx: Tx, { clientId }: { clientId: string }) => tx`
  select /* export */ f.id as file_id, f.page_id, p.title as page_title, f.name, f.content_type, f.size_bytes, f.sha256,
         'handbook_files/' || f.id || '-' || regexp_replace(f.name, '[^A-Za-z0-9._-]+', '_', 'g') as archive_path,
         u.email as uploaded_by_email, f.created_at
  from public.handbook_files f join public.handbook_pages p on p.id = f.page_id left join public.profiles u on u.id = f.uploaded_by
  where f.client_id = ${clientId} order by f.page_id, f.created_at, f.id`;

/** The attachments of these clients the caller may read: where each goes in the archive (the bytes are read one at a time). */
export function exportedFiles(tx: Tx, { clientIds }: { clientIds: string[] }) {
  if (!clientIds.length) return Promise.resolve([]);
  return tx<{ id: string; clientId: string; archivePath: string }[]>`
    select f.id, f.client_id as "clientId", 'handbook_files/' || f.id || '-' || regexp_replace(f.name, '[^A-Za-z0-9._-]+', '_', 'g') as "archivePath"
    from public.handbook_files f where f.client_id in ${tx(clientIds)} order by f.client_id, f.id`;
}

/** One attachment's bytes (or its Storage path), read in the export's snapshot. */
export async function exportedFileBytes(tx: Tx, { fileId }: { fileId: string }) {
  const [row] = await tx<{ data: Uint8Array | null; storagePath: string | null }[]>`
    select data, storage_path as "storagePath" from public.handbook_files where id = ${fileId}`;
  return row ?? null;
}

export const exportAiRequests = (tx: Tx, { clientId }: { clientId: string }) => tx`
  select /* export */ a.id as request_id, a.created_at, a.purpose, a.endpoint, a.model, a.answered_by, a.prompt_version, a.attempt, a.http_attempts,
         a.outcome, a.feedback, a.input_tokens, a.output_tokens, a.masked, a.update_id, a.handbook_page_id, p.email as requested_by_email, a.request, a.response
  from public.ai_requests a left join public.profiles p on p.id = a.requested_by
  where a.client_id = ${clientId} order by a.created_at, a.id`;

export const exportAudit = (tx: Tx, { clientId }: { clientId: string }) => tx`
  select /* export */ a.id as event_id, a.at, p.full_name as actor, p.email as actor_email, a.action, a.entity, a.entity_id, a.data
  from public.audit_events a left join public.profiles p on p.id = a.actor_id
  where a.client_id = ${clientId} order by a.at, a.id`;

export const exportExtraHours = (tx: Tx, { clientId }: { clientId: string }) => tx`
  select /* export */ r.id as request_id, to_char(r.month, 'YYYY-MM') as month, r.minutes, r.roadmap_item_id, r.reason, pr.quoted_cents, r.status,
         rq.email as requested_by_email, r.requested_at, d.email as decided_by_email, r.decided_at, r.po_number, r.decision_note
  from public.extra_hours_requests r
  left join private.extra_hours_prices(${[clientId]}::uuid[]) pr on pr.request_id = r.id
  left join public.profiles rq on rq.id = r.requested_by
  left join public.profiles d on d.id = r.decided_by
  where r.client_id = ${clientId} order by r.requested_at, r.id`;

export const exportEntryQuestions = (tx: Tx, { clientId }: { clientId: string }) => tx`
  select /* export */ q.id as question_id, q.entry_id, to_char(q.month, 'YYYY-MM') as month, q.status, o.email as opened_by_email, q.opened_at,
         rs.email as resolved_by_email, q.resolved_at,
         (select coalesce(jsonb_agg(jsonb_build_object('author_email', a.email, 'body', m.body, 'created_at', m.created_at) order by m.created_at, m.id), '[]')
          from public.entry_question_messages m left join public.profiles a on a.id = m.author_id where m.question_id = q.id) as messages
  from public.entry_questions q
  left join public.profiles o on o.id = q.opened_by
  left join public.profiles rs on rs.id = q.resolved_by
  where q.client_id = ${clientId} order by q.opened_at, q.id`;

export const exportMonthConfirmations = (tx: Tx, { clientId }: { clientId: string }) => tx`
  select /* export */ to_char(c.month, 'YYYY-MM') as month, p.email as confirmed_by_email, c.confirmed_at
  from public.month_confirmations c left join public.profiles p on p.id = c.user_id
  where c.client_id = ${clientId} order by c.month, c.confirmed_at`;

/** The client's own record: its details, billing details and retainer terms (fees where the caller sees money). */
export async function exportClientRecord(tx: Tx, { clientId }: { clientId: string }) {
  const [client] = await tx`
    select c.id, c.name, c.slug, c.timezone, c.currency, c.billing_email, c.billing_timing, to_char(c.start_date, 'YYYY-MM-DD') as start_date,
           c.ai_drafting_enabled, c.archived_at, c.created_at,
           (select to_jsonb(d) - 'client_id' from public.client_billing_details d where d.client_id = c.id) as billing_details
    from public.clients c where c.id = ${clientId}`;
  const terms = await tx`
    select t.id as terms_id, to_char(t.effective_month, 'YYYY-MM') as effective_month, t.included_minutes, p.monthly_fee_cents, p.overage_rate_cents_per_hour,
           t.overage_increment_minutes, t.rollover_cap_minutes, t.rollover_expiry_months, t.overage_preapproved_minutes
    from public.retainer_terms t left join private.term_prices(${[clientId]}::uuid[]) p on p.terms_id = t.id
    where t.client_id = ${clientId} order by t.effective_month`;
  // Its people, by email (a restore finds or creates each one): owners and members, and the engineers assigned.
  const people = await tx`
    select p.email, p.full_name as name, m.role from public.client_members m join public.profiles p on p.id = m.user_id
    where m.client_id = ${clientId}
    union all
    select p.email, p.full_name, 'engineer' from public.client_engineers e join public.profiles p on p.id = e.user_id
    where e.client_id = ${clientId}
    order by 3, 1`;
  return client ? { ...client, retainer_terms: terms, people } : null;
}

/** The practice's own record, for an admin's whole export: its settings and its staff. */
export async function exportPracticeRecord(tx: Tx) {
  const [settings] = await tx`select to_jsonb(s) as settings from public.practice_settings s`;
  const staff = await tx`
    select p.full_name as name, p.email, s.role from public.staff s join public.profiles p on p.id = s.user_id order by p.full_name`;
  const paymentInstructions = await tx`select currency, body from public.payment_instructions order by currency nulls last`;
  return { settings: settings?.settings ?? null, staff, payment_instructions: paymentInstructions };
}
