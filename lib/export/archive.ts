// "You own everything" (issue 22): everything about a client, or the whole practice for an admin, as one ZIP
// written while it downloads. Each dataset is a spreadsheet-friendly CSV (UTF-8 with a BOM, CRLF, formulas
// guarded: lib/format/csv) and the same rows as complete JSON; each client's record is client.json; meta.json
// says the format, when, for whom, and how many rows each file holds. Rows come from the database a few hundred
// at a time (a cursor) inside ONE read transaction as the caller, so the archive is one consistent snapshot,
// holds exactly what the caller's pages show (RLS), and takes constant memory however large the practice.
import { Readable } from "node:stream";
import yazl from "yazl";
import type { Tx } from "@/lib/db";
import {
  exportAiRequests, exportAudit, exportClientRecord, exportedFileBytes, exportedFiles, exportHandbookFiles, exportHandbookPages, exportHandbookVersions, exportEntries, exportEntryQuestions, exportExtraHours, exportInvoiceLines, exportInvoices, exportMonthConfirmations,
  exportPracticeRecord, exportRoadmapComments, exportRoadmapItems, exportStatements, exportUpdates,
} from "@/lib/db/export";
import { csvLine, type Cell } from "@/lib/format/csv";
import { fileStore } from "@/lib/handbook/storage";

export const EXPORT_FORMAT = { name: "retainer-portal-export", version: 1 } as const;

type Query = (tx: Tx, args: { clientId: string }) => ReturnType<typeof exportEntries>;

/** The datasets of each client, in the order of the archive. */
export const DATASETS: readonly { file: string; query: Query; about: string }[] = [
  { file: "entries", query: exportEntries, about: "every time entry: logged, corrected and voided, with who and why" },
  { file: "statements", query: exportStatements, about: "each closed month's statement as it was billed" },
  { file: "invoices", query: exportInvoices, about: "invoices with their totals, status and legal details" },
  { file: "invoice_lines", query: exportInvoiceLines, about: "the lines of each invoice" },
  { file: "roadmap_items", query: exportRoadmapItems, about: "the roadmap, every item in every lane" },
  { file: "roadmap_comments", query: exportRoadmapComments, about: "the comments on roadmap items" },
  { file: "updates", query: exportUpdates, about: "weekly updates" },
  { file: "extra_hours", query: exportExtraHours, about: "extra hours asked for, and the owners' decisions" },
  { file: "entry_questions", query: exportEntryQuestions, about: "owners' questions on entries, each with its thread" },
  { file: "month_confirmations", query: exportMonthConfirmations, about: "months the owners confirmed in their review" },
  { file: "handbook_pages", query: exportHandbookPages, about: "the handbook: every page as it reads now, in Markdown" },
  { file: "handbook_versions", query: exportHandbookVersions, about: "every saved version of every handbook page" },
  { file: "handbook_files", query: exportHandbookFiles, about: "the images and PDFs attached to handbook pages; each file's bytes are at its archive_path" },
  { file: "ai_requests", query: exportAiRequests, about: "what AI saw: every request sent to a model, exactly as sent and answered" },
  { file: "audit", query: exportAudit, about: "the audit trail: who changed what, when" },
];

const BATCH = 500;

/** A value as a CSV cell: instants in ISO 8601 (UTC), structures as JSON. */
function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  if (typeof value === "bigint") return value.toString();
  return value as Cell;
}

const jsonOf = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

export interface ArchiveClient { id: string; name: string; slug: string }

export interface Archive {
  /** The ZIP's bytes as they are written. */
  output: Readable;
  /** Settles once every file is written (or the archive failed or was aborted). */
  done: Promise<void>;
  abort: (reason: Error) => void;
}

/** An attachment to write into the archive: its client, where it goes, and how its bytes are read (one at a time). */
export interface ArchiveFile { clientId: string; archivePath: string; read: () => Promise<Uint8Array> }

/**
 * The attachments of these clients the caller may read, each read (in the export's snapshot) only when the archive
 * writes it: from its row, or from the Storage bucket its row names.
 */
export async function archiveFiles(tx: Tx, clients: ArchiveClient[]): Promise<ArchiveFile[]> {
  const store = fileStore();
  return (await exportedFiles(tx, { clientIds: clients.map((c) => c.id) })).map((file) => ({
    clientId: file.clientId,
    archivePath: file.archivePath,
    read: async () => {
      const row = await exportedFileBytes(tx, { fileId: file.id });
      if (!row) return new Uint8Array();
      return row.data ?? store.read(row.storagePath!);
    },
  }));
}

/** Writes the archive of these clients (and, for an admin's whole export, the practice's record) from `tx`. */
export function writeArchive(tx: Tx, { clients, practice, exportedAt, exportedBy, files = [] }: {
  clients: ArchiveClient[]; practice: boolean; exportedAt: Date; exportedBy: string; files?: ArchiveFile[];
}): Archive {
  const zip = new yazl.ZipFile();
  const counts: Record<string, number> = {};
  const sources = new Set<Readable>();
  let failed: Error | null = null;
  const mtime = exportedAt;

  function fail(e: Error) {
    if (failed) return;
    failed = e;
    for (const s of sources) s.destroy(e);
    (zip.outputStream as Readable).destroy(e);
  }

  const add = (path: string, chunks: () => AsyncGenerator<string | Uint8Array>) => {
    const source = Readable.from(chunks(), { objectMode: false });
    sources.add(source);
    source.on("error", (e) => fail(e));
    source.on("close", () => sources.delete(source));
    zip.addReadStream(source, path, { mtime });
  };

  const root = practice ? "" : `${clients[0]?.slug ?? "client"}/`;
  for (const client of clients) {
    const dir = practice ? `clients/${client.slug}/` : root;
    add(`${dir}client.json`, async function* () {
      yield `${JSON.stringify(await exportClientRecord(tx, { clientId: client.id }), null, 2)}\n`;
    });
    for (const d of DATASETS) {
      const csvPath = `${dir}${d.file}.csv`;
      add(csvPath, async function* () {
        const columns = (await d.query(tx, { clientId: client.id }).describe()).columns.map((c) => c.name);
        yield `\uFEFF${csvLine(columns)}`;
        let n = 0;
        for await (const rows of d.query(tx, { clientId: client.id }).cursor(BATCH)) {
          let text = "";
          for (const row of rows) text += csvLine(columns.map((c) => cellOf((row as Record<string, unknown>)[c])));
          n += rows.length;
          yield text;
        }
        counts[csvPath] = n;
      });
      add(`${dir}${d.file}.json`, async function* () {
        yield "[";
        let first = true;
        for await (const rows of d.query(tx, { clientId: client.id }).cursor(BATCH)) {
          let text = "";
          for (const row of rows) {
            text += `${first ? "\n" : ",\n"}${jsonOf(row)}`;
            first = false;
          }
          yield text;
        }
        yield first ? "]\n" : "\n]\n";
      });
    }
    for (const f of files.filter((x) => x.clientId === client.id)) {
      add(`${dir}${f.archivePath}`, async function* () {
        yield Buffer.from(await f.read());
      });
    }
  }
  if (practice) {
    add("practice.json", async function* () {
      yield `${jsonOf(await exportPracticeRecord(tx))}\n`;
    });
  }
  add(`${root}README.txt`, async function* () {
    yield [
      `Exported from Retainer Portal on ${exportedAt.toISOString()} by ${exportedBy}.`,
      "",
      `This archive holds ${practice ? "everything about the practice's clients" : "everything about your account"}: each dataset twice, as a CSV`,
      "that opens in any spreadsheet (UTF-8) and as complete JSON. meta.json counts the rows of each file.",
      "",
      "client.json: the client's details, billing details and retainer terms",
      ...DATASETS.map((d) => `${d.file}.csv / ${d.file}.json: ${d.about}`),
      ...(practice ? ["practice.json: the practice's settings and staff"] : []),
      "",
      "Amounts are in minor units of the currency (cents). Instants are UTC (ISO 8601); dates are the client's own.",
      "",
    ].join("\r\n");
  });
  // Last, when every count is known: the archive's own description.
  add(`${root}meta.json`, async function* () {
    yield `${JSON.stringify({
      format: EXPORT_FORMAT.name, version: EXPORT_FORMAT.version, exported_at: exportedAt.toISOString(), exported_by: exportedBy,
      scope: practice ? "practice" : "client", clients: clients.map((c) => ({ id: c.id, name: c.name, slug: c.slug })), rows: counts,
    }, null, 2)}\n`;
  });
  zip.end();

  const output = zip.outputStream as Readable;
  const done = new Promise<void>((resolve, reject) => {
    output.on("end", () => (failed ? reject(failed) : resolve()));
    output.on("close", () => (failed ? reject(failed) : resolve()));
    output.on("error", (e) => reject(e));
  });
  return { output, done, abort: fail };
}
