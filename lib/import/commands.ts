// Importing time (issue 22), as commands: an admin uploads a file (kept, so the preview and the import read
// the same bytes), maps its accounts and people, previews, and imports. An import attributes time to the
// people it maps, so only admins run it; its writes are the service role's inside the admin's transaction.
import { plural } from "@/lib/format";
import { command } from "@/lib/commands/command";
import { pgCode } from "@/lib/db";
import { getImportFile, importFileBytes, insertImportedEntries, insertImportFile, markImported, saveImportMappings, type ImportedEntryRow } from "@/lib/db/imports";
import { localDate } from "@/lib/domain/dates";
import { looksLikeZip, openArchive } from "@/lib/import/archive";
import { recordAudit } from "@/lib/db/audit";
import { importContext, loadUpload, sourceOf, sourcesOf } from "@/lib/import/load";
import { decide, Planner } from "@/lib/import/plan";
import { openImport } from "@/lib/import/read";
import { restoreArchive } from "@/lib/import/restore";
import { restoreImportSchema, runImportSchema, uploadImportSchema } from "@/lib/import/schemas";
import { clockNow } from "@/lib/platform/clock";
import { authProvider } from "@/lib/platform/env";
import { AppError, found } from "@/lib/platform/errors";
import { LIMITS } from "@/lib/domain/limits";

const BATCH = 1000;

export const uploadImport = command({
  name: "import.upload", schema: uploadImportSchema, scope: "admin", limits: [LIMITS.imports],
  run: async ({ tx, viewer, input: { file } }) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    // The header (or an export's meta.json) must name a format before the file is kept: an unknown file is
    // refused at the door.
    let format: string;
    try {
      if (looksLikeZip(bytes)) {
        (await openArchive(bytes)).close();
        format = "archive";
      } else {
        format = (await openImport([bytes])).format;
      }
    } catch (e) {
      if (e instanceof AppError) throw new AppError("invalid", e.userMessage, { file: [e.userMessage] });
      throw e;
    }
    // The name must say what the content turned out to be (ASVS 5.2.2): a ZIP is a .zip, an export is a .csv.
    const extension = /\.([A-Za-z0-9]{1,8})$/.exec(file.name)?.[1]?.toLowerCase() ?? null;
    const expected = format === "archive" ? "zip" : "csv";
    if (file.name && extension !== expected) {
      const says = `This file is named “${file.name.slice(0, 80)}” but is ${format === "archive" ? "a ZIP archive" : "a CSV export"}. Rename it to end in .${expected}, or pick the file you meant.`;
      throw new AppError("invalid", says, { file: [says] });
    }
    const fileName = (file.name || (format === "archive" ? "export.zip" : "upload.csv")).slice(0, 255);
    return { fileId: await insertImportFile(tx, { uploadedBy: viewer.userId, fileName, format, bytes }) };
  },
  refresh: () => ["/import"],
  next: ({ fileId }) => `/import/${fileId}`,
});

export const restoreExport = command({
  name: "import.restore", schema: restoreImportSchema, scope: "admin", limits: [LIMITS.imports],
  run: async ({ tx, viewer, input: { fileId } }) => {
    const file = found(await getImportFile(tx, { fileId }), "That upload");
    if (file.format !== "archive") throw new AppError("invalid", "That upload is a time export, not a Retainer Portal export: import it instead.");
    if (file.importedAt) throw new AppError("conflict", "That export was restored already.");
    // People come back as accounts of the built-in sign-in; Supabase Auth keeps its own users, out of our reach.
    if (authProvider() === "supabase") {
      throw new AppError("invalid", "A restore runs on the built-in sign-in: restore on a deployment without Supabase Auth, then move it to Supabase. Nothing was restored.");
    }
    const archive = await openArchive(found(await importFileBytes(tx, { fileId }), "That upload"));
    try {
      const counts = await restoreArchive(tx, archive, { actorId: viewer.userId, today: localDate(clockNow(), "UTC") }).catch((e: unknown) => {
        // A row the database refuses (a check, a reference, a duplicate) came from an archive changed after it was
        // exported, or from another version: said as such, on the file.
        const code = pgCode(e);
        if (code && /^2[23]/.test(code)) {
          const what = (e as { constraint_name?: string; table_name?: string });
          const message = `The archive has a row the database refuses (${what.table_name ?? "a table"}: ${what.constraint_name ?? code}). It was changed after it was exported, or comes from another version. Nothing was restored.`;
          throw new AppError("invalid", message, { file: [message] });
        }
        throw e;
      });
      await markImported(tx, { fileId, importedBy: viewer.userId, added: counts.entries });
      return counts;
    } finally {
      archive.close();
    }
  },
  message: (c) => `Restored ${plural(c.clients, "client")}, ${plural(c.entries, "entry", "entries")}, ${plural(c.closedMonths, "closed month")}, ${plural(c.invoices, "invoice")} and ${plural(c.handbookPages, "handbook page")}.`,
  refresh: () => [["/", "layout"]],
  next: () => "/engineer",
});

export interface ImportResult {
  intent: "preview" | "import";
  added: number;
  before: number;
  skipped: number;
  leftOut: number;
}

export const runImport = command({
  name: "import.run", schema: runImportSchema, scope: "admin", limits: [LIMITS.imports],
  run: async ({ tx, viewer, input }): Promise<ImportResult> => {
    const upload = await loadUpload(tx, input.fileId);
    const source = sourceOf(upload.file.format);
    const ctx = await importContext(tx, source, await sourcesOf(upload), { account: input.account, person: input.person });
    // The choices in force are remembered for this source's next file (in the same transaction as the import).
    await saveImportMappings(tx, {
      source,
      rows: [
        ...ctx.accounts.flatMap((a) => (a.id === undefined ? [] : [{ kind: "account" as const, name: a.key, clientId: a.id, engineerId: null }])),
        ...ctx.persons.flatMap((p) => (p.id ? [{ kind: "person" as const, name: p.key, clientId: null, engineerId: p.id }] : [])),
      ],
    });
    if (input.intent === "preview") return { intent: "preview", added: 0, before: 0, skipped: 0, leftOut: 0 };

    const planner = new Planner(ctx.facts);
    for await (const e of await upload.events()) planner.add(e);
    const plan = planner.result();
    if (plan.unmappedCount) {
      throw new AppError("invalid", `Map every client and person of the file first: ${plural(plan.unmappedCount, "row")} would have nowhere to go. Nothing was imported.`);
    }
    if (!plan.toWrite) throw new AppError("invalid", "No row of this file can be imported (see why below). Nothing was imported.");
    if (plan.refusedCount && !input.skipRefused) {
      throw new AppError(
        "invalid",
        `${plural(plan.refusedCount, "row")} can't be imported (listed below). Fix them in the file and upload it again, or choose to skip them. Nothing was imported.`,
        { skipRefused: [`Skip the ${plural(plan.refusedCount, "row")} that can't be imported.`] },
      );
    }

    // One transaction: the entries in batches (a key imported before adds nothing), the upload's record and
    // an audit event per client.
    const perClient = new Map<string, { entries: number; minutes: number }>();
    let batch: ImportedEntryRow[] = [];
    let added = 0;
    const flush = async () => {
      added += await insertImportedEntries(tx, { fileId: upload.file.id, rows: batch }).then((rows) => {
        for (const r of rows) {
          const t = perClient.get(r.clientId) ?? { entries: 0, minutes: 0 };
          t.entries++;
          t.minutes += r.minutes;
          perClient.set(r.clientId, t);
        }
        return rows.length;
      });
      batch = [];
    };
    for await (const e of await upload.events()) {
      if (e.type !== "entry") continue;
      const d = decide(e.entry, ctx.facts);
      if (d.kind !== "write") continue;
      batch.push(d.row);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    await markImported(tx, { fileId: upload.file.id, importedBy: viewer.userId, added });
    for (const [clientId, t] of perClient) {
      await recordAudit(tx, {
        clientId, actorId: viewer.userId, action: "entry.imported", entity: "import_file", entityId: upload.file.id,
        data: { entries: t.entries, minutes: t.minutes, file: upload.file.fileName, format: upload.file.format },
      });
    }
    return { intent: "import", added, before: plan.toWrite - added, skipped: plan.refusedCount, leftOut: plan.leftOutCount };
  },
  message: (r) =>
    r.intent === "preview"
      ? "Mapping saved. The preview shows what an import will do."
      : [
        `Imported ${plural(r.added, "entry", "entries")}.`,
        r.before ? `${plural(r.before, "row")} had been imported before and added nothing.` : "",
        r.skipped ? `${plural(r.skipped, "row")} skipped.` : "",
        r.leftOut ? `${plural(r.leftOut, "row")} left out by the mapping.` : "",
      ].filter(Boolean).join(" "),
  refresh: (_ctx, r) => (r?.intent === "import" ? [["/", "layout"]] : [["/import", "layout"]]),
});
