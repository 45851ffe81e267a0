// Our own export, back in (issue 22's round trip): an admin of an EMPTY practice restores a practice's (or one
// client's) export: the practice's settings and staff, each client with its terms and people, the roadmap, every
// entry with its voids and corrections, the closed months with the statements they were billed with, invoices
// with their lines, extra hours, owners' questions and confirmations, updates and the audit trail. One
// transaction: a row the archive or the database refuses leaves nothing behind. Rows keep their ids, so every
// statement and invoice total comes back identical and the next close bills as the old instance would have
// (tests/integration/restore.test.ts).
import type { Tx } from "@/lib/db";
import { withServiceRole } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import {
  continueInvoiceSeries, ensurePeople, insertAuditEvents, insertBillingDetails, insertClient, insertClientPeople, insertClosedPeriods,
  insertEntries, insertEntryQuestions, insertExtraHoursRequests, insertInvoiceLines, insertInvoices, insertMonthConfirmations, insertPaymentInstructions,
  insertAiRequestRows, insertHandbookPages, insertHandbookVersions, insertRestoredFile,
  insertRoadmapComments, insertRoadmapItems, insertStaffRoles, insertTerms, insertUpdates, practiceContents, restorePracticeSettings, settlePastReminders,
} from "@/lib/db/restore";
import { ATTACHMENT_TYPES, checkAttachment } from "@/lib/handbook/files";
import { MAX_ATTACHMENT_BYTES } from "@/lib/handbook/schemas";
import { fileStore } from "@/lib/handbook/storage";
import { getImportFile, importFileBytes } from "@/lib/db/imports";
import { normalizeEmail } from "@/lib/domain/email";
import { openArchive, type OpenArchive } from "@/lib/import/archive";
import {
  aiRequestRow, auditRow, clientRecord, entryQuestionRow, entryRow, extraHoursRow, handbookFileRow, handbookPageRow, handbookVersionRow, invoiceLineRow,
  invoiceRow, monthConfirmationRow, practiceRecord, roadmapCommentRow,
  roadmapItemRow, statementRow, updateRow, type ClientRecord, type EntryRow,
} from "@/lib/import/archive-rows";
import { AppError, found } from "@/lib/platform/errors";
import type { RestorePreview } from "@/lib/types/restore";
import type { z } from "zod";

const BATCH = 1000;

export interface RestoreCounts {
  clients: number;
  people: number;
  entries: number;
  closedMonths: number;
  invoices: number;
  invoiceLines: number;
  roadmapItems: number;
  comments: number;
  updates: number;
  handbookPages: number;
  aiRequests: number;
  auditEvents: number;
}

const refuse = (message: string) => new AppError("invalid", `${message} Nothing was restored.`, { file: [`${message} Nothing was restored.`] });

/** Why this practice cannot take a restore, or null when it can (no clients, no entries, no invoices). */
export async function restoreRefusal(tx: Tx): Promise<string | null> {
  const held = await withServiceRole(tx, () => practiceContents(tx));
  if (!held.clients && !held.entries && !held.invoices) return null;
  return `A restore goes into an empty practice, and this one already has ${held.clients.toLocaleString("en-US")} client${held.clients === 1 ? "" : "s"}. Restore on a new deployment (its first admin restores before adding anything).`;
}

/** An uploaded export before it is restored: what it holds (from its meta.json), and whether this practice can take it. */
export async function previewRestore(tx: Tx, fileId: string): Promise<RestorePreview | null> {
  const file = await getImportFile(tx, { fileId });
  if (!file || file.format !== "archive") return null;
  const archive = await openArchive(found(await importFileBytes(tx, { fileId }), "That upload"));
  archive.close();
  const { meta } = archive;
  const rows = (slug: string, dataset: string) => meta.rows[`${archive.dirOf(slug)}${dataset}.csv`] ?? 0;
  return {
    file, meta,
    clients: meta.clients.map((c) => ({
      name: c.name, entries: rows(c.slug, "entries"), closedMonths: rows(c.slug, "statements"), invoices: rows(c.slug, "invoices"),
      roadmapItems: rows(c.slug, "roadmap_items"), updates: rows(c.slug, "updates"),
    })),
    refusal: file.importedAt ? null : await restoreRefusal(tx),
  };
}

/** People met in the archive, by email, and their profile ids once created. */
class People {
  private names = new Map<string, string>();
  private ids = new Map<string, string>();
  constructor(private tx: Tx) {}

  note(email: string | null, name: string | null = "") {
    if (!email) return;
    const key = normalizeEmail(email);
    if (!this.names.get(key)) this.names.set(key, name ?? "");
  }

  /** Creates everyone noted and not yet known; call before writing rows that name them. */
  async settle() {
    const missing = [...this.names].filter(([email]) => !this.ids.has(email)).map(([email, name]) => ({ email, name }));
    for (let i = 0; i < missing.length; i += BATCH) {
      for (const [email, id] of await ensurePeople(this.tx, { people: missing.slice(i, i + BATCH) })) this.ids.set(email, id);
    }
  }

  id(email: string): string;
  id(email: string | null): string | null;
  id(email: string | null): string | null {
    if (!email) return null;
    const id = this.ids.get(normalizeEmail(email));
    if (!id) throw new Error(`restore: ${email} was not settled`);
    return id;
  }

  get count() {
    return this.ids.size;
  }
}

async function* checked<S extends z.ZodType>(archive: OpenArchive, path: string, schema: S): AsyncGenerator<z.infer<S>> {
  if (!archive.has(path)) throw refuse(`The archive has no ${path}: it is not a whole export.`);
  let n = 0;
  for await (const raw of archive.rows(path)) {
    n++;
    const r = schema.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw refuse(`${path}, row ${n}: ${issue.path.join(".") || "the row"} is not what the export writes (${issue.message}).`);
    }
    yield r.data;
  }
}

/** Reads a dataset in batches: each batch's people are settled, then `write` stores it. */
async function inBatches<S extends z.ZodType>(
  archive: OpenArchive, path: string, schema: S, people: People,
  noted: (row: z.infer<S>) => void, write: (rows: z.infer<S>[]) => Promise<void>,
): Promise<number> {
  let batch: z.infer<S>[] = [];
  let n = 0;
  const flush = async () => {
    if (!batch.length) return;
    await people.settle();
    await write(batch);
    n += batch.length;
    batch = [];
  };
  for await (const row of checked(archive, path, schema)) {
    noted(row);
    batch.push(row);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return n;
}

async function restoreClient(tx: Tx, archive: OpenArchive, client: ClientRecord, people: People, counts: RestoreCounts) {
  const dir = archive.dirOf(client.slug);
  const clientId = client.id;
  await insertClient(tx, { client });
  if (client.billing_details) await insertBillingDetails(tx, { clientId, details: client.billing_details });
  await insertTerms(tx, { clientId, rows: client.retainer_terms });
  for (const p of client.people) people.note(p.email, p.name);
  await people.settle();
  await insertClientPeople(tx, {
    clientId,
    members: client.people.filter((p) => p.role !== "engineer").map((p) => ({ userId: people.id(p.email), role: p.role })),
    engineers: client.people.filter((p) => p.role === "engineer").map((p) => people.id(p.email)),
  });

  counts.roadmapItems += await inBatches(archive, `${dir}roadmap_items.json`, roadmapItemRow, people, (r) => people.note(r.proposed_by_email, r.proposed_by), (rows) =>
    insertRoadmapItems(tx, { clientId, rows: rows.map((r) => ({ ...r, id: r.item_id, proposed_by: people.id(r.proposed_by_email) })) }));
  counts.comments += await inBatches(archive, `${dir}roadmap_comments.json`, roadmapCommentRow, people, (r) => people.note(r.author_email, r.author), (rows) =>
    insertRoadmapComments(tx, { clientId, rows: rows.map((r) => ({ id: r.comment_id, item_id: r.item_id, author_id: people.id(r.author_email), body: r.body, created_at: r.created_at })) }));

  // Entries before the months they fall in are closed (a closed month takes no new entry), and corrections after
  // everything they correct: they are held back and written last, oldest first.
  const corrections: EntryRow[] = [];
  const entryOf = (r: EntryRow) => ({
    id: r.entry_id, engineer_id: people.id(r.engineer_email), work_date: r.date, minutes: r.minutes, description: r.description,
    category: r.category, billable: r.billable, roadmap_item_id: r.roadmap_item_id, adjusts_entry_id: r.corrects_entry_id,
    voided_at: r.voided_at, voided_by: people.id(r.voided_by_email), void_reason: r.void_reason, import_key: r.import_key,
    created_at: r.created_at, updated_at: r.updated_at,
  });
  counts.entries += await inBatches(archive, `${dir}entries.json`, entryRow, people, (r) => {
    people.note(r.engineer_email, r.engineer);
    people.note(r.voided_by_email);
  }, async (rows) => {
    corrections.push(...rows.filter((r) => r.corrects_entry_id));
    await insertEntries(tx, { clientId, rows: rows.filter((r) => !r.corrects_entry_id).map(entryOf) });
  });
  corrections.sort((a, b) => a.created_at.localeCompare(b.created_at));
  for (let i = 0; i < corrections.length; i += BATCH) await insertEntries(tx, { clientId, rows: corrections.slice(i, i + BATCH).map(entryOf) });

  counts.closedMonths += await inBatches(archive, `${dir}statements.json`, statementRow, people, () => {}, async (rows) => {
    if (rows.some((r) => r.statement === null)) throw refuse(`${dir}statements.json has a month without its statement: export as an owner or an admin.`);
    await insertClosedPeriods(tx, { clientId, rows });
  });
  counts.invoices += await inBatches(archive, `${dir}invoices.json`, invoiceRow, people, () => {}, (rows) =>
    insertInvoices(tx, { clientId, rows: rows.map((r) => ({ ...r, id: r.invoice_id })) }));
  counts.invoiceLines += await inBatches(archive, `${dir}invoice_lines.json`, invoiceLineRow, people, () => {}, (rows) =>
    insertInvoiceLines(tx, { clientId, rows }));
  // Later datasets (issue 23): an archive from before them has none of these files.
  if (archive.has(`${dir}extra_hours.json`)) {
    await inBatches(archive, `${dir}extra_hours.json`, extraHoursRow, people, (r) => {
      people.note(r.requested_by_email);
      people.note(r.decided_by_email);
    }, (rows) => insertExtraHoursRequests(tx, {
      clientId, rows: rows.map((r) => ({ ...r, id: r.request_id, requested_by: people.id(r.requested_by_email), decided_by: people.id(r.decided_by_email) })),
    }));
  }
  if (archive.has(`${dir}entry_questions.json`)) {
    await inBatches(archive, `${dir}entry_questions.json`, entryQuestionRow, people, (r) => {
      people.note(r.opened_by_email);
      people.note(r.resolved_by_email);
      for (const m of r.messages) people.note(m.author_email);
    }, (rows) => insertEntryQuestions(tx, {
      clientId,
      rows: rows.map((r) => ({ ...r, id: r.question_id, opened_by: people.id(r.opened_by_email), resolved_by: people.id(r.resolved_by_email) })),
      messages: rows.flatMap((r) => r.messages.map((m) => ({ question_id: r.question_id, author_id: people.id(m.author_email), body: m.body, created_at: m.created_at }))),
    }));
  }
  if (archive.has(`${dir}month_confirmations.json`)) {
    await inBatches(archive, `${dir}month_confirmations.json`, monthConfirmationRow, people, (r) => people.note(r.confirmed_by_email), (rows) =>
      insertMonthConfirmations(tx, { clientId, rows: rows.map((r) => ({ month: r.month, user_id: people.id(r.confirmed_by_email), confirmed_at: r.confirmed_at })) }));
  }
  counts.updates += await inBatches(archive, `${dir}updates.json`, updateRow, people, (r) => people.note(r.published_by_email, r.published_by), (rows) =>
    insertUpdates(tx, { clientId, rows: rows.map((r) => ({ ...r, id: r.update_id, published_by: people.id(r.published_by_email) })) }));
  await restoreHandbook(tx, archive, dir, clientId, people, counts);
  counts.auditEvents += await inBatches(archive, `${dir}audit.json`, auditRow, people, (r) => people.note(r.actor_email, r.actor), (rows) =>
    insertAuditEvents(tx, { clientId, rows: rows.map((r) => ({ ...r, actor_id: people.id(r.actor_email) })) }));
}

/**
 * The handbook (pages, every version, attachments) and what AI saw (issue 26), when the archive has them. Each file's
 * bytes are held to what its row says (size, SHA-256) and read again for what they are, as an upload is: an archive
 * changed after it was exported cannot plant a script under an image's name.
 */
async function restoreHandbook(tx: Tx, archive: OpenArchive, dir: string, clientId: string, people: People, counts: RestoreCounts) {
  if (archive.has(`${dir}handbook_pages.json`)) {
    counts.handbookPages += await inBatches(archive, `${dir}handbook_pages.json`, handbookPageRow, people, (r) => {
      people.note(r.created_by_email);
      people.note(r.updated_by_email);
    }, (rows) => insertHandbookPages(tx, {
      clientId, rows: rows.map((r) => ({ ...r, id: r.page_id, created_by: people.id(r.created_by_email), updated_by: people.id(r.updated_by_email) })),
    }));
  }
  if (archive.has(`${dir}handbook_versions.json`)) {
    await inBatches(archive, `${dir}handbook_versions.json`, handbookVersionRow, people, (r) => people.note(r.saved_by_email), (rows) =>
      insertHandbookVersions(tx, { clientId, rows: rows.map((r) => ({ ...r, saved_by: people.id(r.saved_by_email) })) }));
  }
  if (archive.has(`${dir}handbook_files.json`)) {
    const store = fileStore();
    const kept: string[] = [];
    try {
      await inBatches(archive, `${dir}handbook_files.json`, handbookFileRow, people, (r) => people.note(r.uploaded_by_email), async (rows) => {
        for (const r of rows) {
          const bytes = await archive.bytes(`${dir}${r.archive_path}`, MAX_ATTACHMENT_BYTES);
          const file = await checkAttachment({ name: r.name, bytes }).catch(() => null);
          if (!file || file.contentType !== r.content_type || file.sha256 !== r.sha256 || bytes.length !== r.size_bytes) {
            throw refuse(`${dir}${r.archive_path} is not the file handbook_files.json describes: it was changed after it was exported.`);
          }
          const storagePath = await store.put(`${clientId}/${r.page_id}/${r.file_id}.${ATTACHMENT_TYPES[file.contentType][0]}`, bytes, file.contentType);
          if (storagePath) kept.push(storagePath);
          await insertRestoredFile(tx, {
            clientId,
            file: { id: r.file_id, pageId: r.page_id, name: r.name, contentType: r.content_type, sizeBytes: r.size_bytes, sha256: r.sha256,
              data: storagePath ? null : bytes, storagePath, uploadedBy: people.id(r.uploaded_by_email), createdAt: r.created_at },
          });
        }
      });
    } catch (e) {
      // The restore's transaction rolls back: the objects already in the bucket go too.
      for (const path of kept) await store.remove(path);
      throw e;
    }
  }
  if (archive.has(`${dir}ai_requests.json`)) {
    counts.aiRequests += await inBatches(archive, `${dir}ai_requests.json`, aiRequestRow, people, (r) => people.note(r.requested_by_email), (rows) =>
      insertAiRequestRows(tx, { clientId, rows: rows.map((r) => ({ ...r, id: r.request_id, requested_by: people.id(r.requested_by_email) })) }));
  }
}

/** Restores the archive into this (empty) practice, in the caller's transaction; the counts of what came back. */
export async function restoreArchive(tx: Tx, archive: OpenArchive, { actorId, today }: { actorId: string; today: string }): Promise<RestoreCounts> {
  const refusal = await restoreRefusal(tx);
  if (refusal) throw new AppError("conflict", refusal);

  // Every record is read and checked before the first write.
  const practice = archive.meta.scope === "practice" ? practiceRecord.safeParse(await archive.record("practice.json")) : null;
  if (practice && !practice.success) throw refuse("practice.json is not what the export writes.");
  const clients: ClientRecord[] = [];
  for (const c of archive.meta.clients) {
    const path = `${archive.dirOf(c.slug)}client.json`;
    const parsed = clientRecord.safeParse(await archive.record(path));
    if (!parsed.success) throw refuse(`${path} is not what the export writes (${parsed.error.issues[0].path.join(".")}: ${parsed.error.issues[0].message}).`);
    if (parsed.data.id !== c.id || parsed.data.slug !== c.slug) throw refuse(`${path} names another client than meta.json does.`);
    clients.push(parsed.data);
  }

  const counts: RestoreCounts = {
    clients: clients.length, people: 0, entries: 0, closedMonths: 0, invoices: 0, invoiceLines: 0, roadmapItems: 0, comments: 0, updates: 0, handbookPages: 0, aiRequests: 0, auditEvents: 0,
  };
  await withServiceRole(tx, async () => {
    const people = new People(tx);
    if (practice?.data) {
      const { settings, staff, payment_instructions } = practice.data;
      if (settings) await restorePracticeSettings(tx, { settings });
      await insertPaymentInstructions(tx, { rows: payment_instructions });
      for (const s of staff) people.note(s.email, s.name);
      await people.settle();
      await insertStaffRoles(tx, { rows: staff.map((s) => ({ userId: people.id(s.email), role: s.role })) });
    }
    for (const client of clients) await restoreClient(tx, archive, client, people, counts);
    await continueInvoiceSeries(tx);
    await settlePastReminders(tx, { today });
    counts.people = people.count;
    for (const client of clients) {
      await recordAudit(tx, { clientId: client.id, actorId, action: "client.restored", entity: "client", entityId: client.id, data: { exportedAt: archive.meta.exported_at } });
    }
  });
  return counts;
}
