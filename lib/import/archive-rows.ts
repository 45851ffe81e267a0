// The rows of our own export as a restore reads them back (issue 22's round trip): the columns lib/db/export.ts
// writes, checked one row at a time before anything is written. Amounts may arrive as JSON numbers or, for the
// database's bigints, as strings of digits. The database's own checks still stand behind these.
import { z } from "zod";
import { CATEGORIES } from "@/lib/domain/categories";
import { ATTACHMENT_TYPES, type AttachmentType } from "@/lib/handbook/files";
import { MAX_ATTACHMENT_BYTES, pageFields } from "@/lib/handbook/schemas";

const id = z.uuid();
const email = z.email().max(320);
const instant = z.iso.datetime({ offset: true });
const date = z.iso.date();
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const cents = z.union([z.number().int(), z.string().regex(/^-?\d{1,15}$/).transform(Number)]);
const text = (max: number) => z.string().max(max);
const json = z.unknown().refine((v) => v === null || typeof v === "object", "an object");

export const termsRow = z.object({
  terms_id: id,
  effective_month: month,
  included_minutes: z.number().int(),
  monthly_fee_cents: cents,
  overage_rate_cents_per_hour: cents,
  overage_increment_minutes: z.number().int(),
  rollover_cap_minutes: z.number().int(),
  rollover_expiry_months: z.number().int(),
  overage_preapproved_minutes: z.number().int(),
});

export const clientRecord = z.object({
  id, name: text(200), slug: text(64), timezone: text(64), currency: z.string().regex(/^[A-Z]{3}$/),
  billing_email: text(320), billing_timing: z.enum(["advance", "arrears"]), start_date: date.nullable(),
  ai_drafting_enabled: z.boolean().default(true), archived_at: instant.nullable(), created_at: instant,
  billing_details: z.object({
    legal_name: text(300), address: text(2000), country: text(2), tax_id: text(100), tax_treatment: text(40),
    tax_rate_bp: z.number().int().nullable(), tax_label: text(100), tax_note: text(1000),
  }).nullable(),
  retainer_terms: z.array(termsRow).max(1000),
  people: z.array(z.object({ email, name: text(200), role: z.enum(["owner", "member", "engineer"]) })).max(10_000).default([]),
});
export type ClientRecord = z.infer<typeof clientRecord>;

export const practiceRecord = z.object({
  settings: z.record(z.string(), z.unknown()).nullable(),
  staff: z.array(z.object({ email, name: text(200), role: z.enum(["admin", "engineer"]) })).max(10_000),
  payment_instructions: z.array(z.object({ currency: z.string().regex(/^[A-Z]{3}$/).nullable(), body: text(2000) })).max(1000).default([]),
});
export type PracticeRecord = z.infer<typeof practiceRecord>;

export const entryRow = z.object({
  entry_id: id, date, minutes: z.number().int(), billable: z.boolean(), category: z.enum(CATEGORIES),
  description: text(2000), engineer: text(200).nullable(), engineer_email: email, roadmap_item_id: id.nullable(),
  corrects_entry_id: id.nullable(), voided_at: instant.nullable(), void_reason: text(500).nullable(),
  voided_by_email: email.nullable(), import_key: text(200).nullable(), created_at: instant, updated_at: instant,
});
export type EntryRow = z.infer<typeof entryRow>;

export const statementRow = z.object({ month, closed_at: instant, statement: json });
export type StatementRow = z.infer<typeof statementRow>;

export const invoiceRow = z.object({
  invoice_id: id, number: text(100).nullable(), month, status: text(20), currency: z.string().regex(/^[A-Z]{3}$/),
  tax_cents: cents, total_cents: cents, due_date: date.nullable(), issued_at: instant.nullable(), paid_at: instant.nullable(),
  hosted_invoice_url: text(2000).nullable(), stripe_invoice_id: text(255).nullable(), stripe_sent_at: instant.nullable(),
  pushed_at: instant.nullable(), legal: json, created_at: instant,
});
export type InvoiceRow = z.infer<typeof invoiceRow>;

export const invoiceLineRow = z.object({
  invoice_id: id, position: z.number().int(), kind: text(20), description: text(500), quantity_minutes: z.number().int().nullable(),
  unit_amount_cents: cents.nullable(), amount_cents: cents, tax_rate_bp: z.number().int().nullable(), for_month: month.nullable(),
  stripe_invoice_item_id: text(255).nullable(),
});
export type InvoiceLineRow = z.infer<typeof invoiceLineRow>;

export const roadmapItemRow = z.object({
  item_id: id, title: text(200), description: text(20_000), status: text(20), position: z.number().int(), target_month: month.nullable(),
  estimate_minutes: z.number().int().nullable(), proposed_by: text(200).nullable(), proposed_by_email: email.nullable(),
  drop_reason: text(2000).nullable(), shipped_at: instant.nullable(), created_at: instant, updated_at: instant,
});
export type RoadmapItemRow = z.infer<typeof roadmapItemRow>;

export const roadmapCommentRow = z.object({
  comment_id: id, item_id: id, author: text(200).nullable(), author_email: email, body: text(5000), created_at: instant,
});
export type RoadmapCommentRow = z.infer<typeof roadmapCommentRow>;

export const updateRow = z.object({
  update_id: id, week_start: date, status: text(20), title: text(200), body_md: text(50_000), source: text(20), model: text(100).nullable(),
  prompt_version: text(100).nullable(), published_at: instant.nullable(), published_by: text(200).nullable(),
  published_by_email: email.nullable(), facts: json, citations: json, created_at: instant, updated_at: instant,
});
export type UpdateRow = z.infer<typeof updateRow>;

export const auditRow = z.object({
  at: instant, actor: text(200).nullable(), actor_email: email.nullable(), action: text(100), entity: text(100),
  entity_id: text(200).nullable(), data: json,
});
export type AuditRow = z.infer<typeof auditRow>;

export const extraHoursRow = z.object({
  request_id: id, month, minutes: z.number().int(), roadmap_item_id: id.nullable(), reason: text(1000), quoted_cents: cents.nullable(),
  status: z.enum(["open", "approved", "declined", "withdrawn", "lapsed"]), requested_by_email: email, requested_at: instant,
  decided_by_email: email.nullable(), decided_at: instant.nullable(), po_number: text(100).nullable(), decision_note: text(1000).nullable(),
});
export type ExtraHoursExportRow = z.infer<typeof extraHoursRow>;

export const entryQuestionRow = z.object({
  question_id: id, entry_id: id, month, status: z.enum(["open", "resolved"]), opened_by_email: email, opened_at: instant,
  resolved_by_email: email.nullable(), resolved_at: instant.nullable(),
  messages: z.array(z.object({ author_email: email, body: text(2000), created_at: instant })).max(1000),
});
export type EntryQuestionRow = z.infer<typeof entryQuestionRow>;

export const monthConfirmationRow = z.object({ month, confirmed_by_email: email, confirmed_at: instant });

// The handbook and what AI saw (issue 26). An archive from before them has none of these files; one from before a
// column (a version's source, a record's handbook page) has rows without it.
const { section, visibility } = pageFields;

export const handbookPageRow = z.object({
  page_id: id, section, title: text(200), visibility, version: z.number().int().min(1), roadmap_item_id: id.nullable(), body_md: text(100_000),
  created_by_email: email.nullable(), updated_by_email: email.nullable(), created_at: instant, updated_at: instant,
});

export const handbookVersionRow = z.object({
  page_id: id, version: z.number().int().min(1), section, title: text(200), visibility, roadmap_item_id: id.nullable(), body_md: text(100_000),
  saved_by_email: email.nullable(), saved_at: instant, restored_from: z.number().int().nullable(),
  source: z.enum(["person", "claude", "template"]).default("person"),
});

export const handbookFileRow = z.object({
  file_id: id, page_id: id, name: text(200), content_type: z.enum(Object.keys(ATTACHMENT_TYPES) as [AttachmentType, ...AttachmentType[]]),
  size_bytes: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES), sha256: z.string().regex(/^[0-9a-f]{64}$/),
  archive_path: z.string().regex(/^handbook_files\/[0-9a-f-]{36}-[A-Za-z0-9._-]{1,220}$/), uploaded_by_email: email.nullable(), created_at: instant,
});

export const aiRequestRow = z.object({
  request_id: id, created_at: instant, purpose: text(200), endpoint: text(500), model: text(200), answered_by: text(200).nullable(),
  prompt_version: text(200), attempt: z.number().int(), http_attempts: z.number().int(), outcome: z.enum(["accepted", "refused", "failed"]),
  feedback: text(4000).nullable(), input_tokens: z.number().int().nullable(), output_tokens: z.number().int().nullable(), masked: json,
  update_id: id.nullable(), handbook_page_id: id.nullable().default(null), requested_by_email: email.nullable(), request: json, response: z.string().nullable(),
});
