// Reads an uploaded time export as a stream, row by row, with constant memory: the bytes are decoded as UTF-8
// (a byte-order mark dropped), the delimiter is taken from the header line (comma, semicolon or tab), csv-parse
// reads quoted fields with commas, quotes and line breaks and either line ending, and the header names the
// format. Each row comes out as an entry with a dedupe key, a refusal naming its row and column, or an
// ignored row (a Clockify break, an entry voided before export). Nothing here touches the database.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { parse, CsvError } from "csv-parse";
import { AppError } from "@/lib/platform/errors";
import { formatOf, KNOWN_FORMATS, type ImportFormat, type Refusal, type SourceEntry } from "@/lib/import/formats";

export type ImportedEntry = SourceEntry & { key: string };
export type ReadEvent =
  | { type: "entry"; entry: ImportedEntry }
  | { type: "refusal"; row: number; column: string | null; reason: string }
  | { type: "ignored"; row: number; reason: string };

export interface ImportReader {
  format: ImportFormat;
  label: string;
  events: AsyncGenerator<ReadEvent>;
}

const DELIMITERS = [",", ";", "\t"] as const;

/** The delimiter the header line uses most, outside quotes. */
export function delimiterOf(headerLine: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0][1] > 0 ? [...counts].sort((a, b) => b[1] - a[1])[0][0] : ",";
}

async function* decoded(source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of source) yield typeof chunk === "string" ? chunk.replace(/^\uFEFF/, "") : decoder.decode(chunk, { stream: true });
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (e) {
    if (e instanceof TypeError) throw new AppError("invalid", "The file is not UTF-8 text. Export it again as CSV (UTF-8).", { file: ["Not UTF-8 text."] });
    throw e;
  }
}

/** The text's first line and an iterator that yields it again, then the rest. */
async function peekLine(text: AsyncGenerator<string>): Promise<{ first: string; all: AsyncGenerator<string> }> {
  let head = "";
  let done = false;
  while (!/[\r\n]/.test(head)) {
    const next = await text.next();
    if (next.done) { done = true; break; }
    head += next.value;
  }
  async function* all() {
    yield head;
    if (!done) yield* text;
  }
  return { first: head.split(/\r?\n|\r/)[0], all: all() };
}

const digest = (s: string) => createHash("sha256").update(s).digest("base64url").slice(0, 32);

/** Opens an export: reads its header, names its format, and returns the rows to come. Refuses an unknown header. */
export async function openImport(source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): Promise<ImportReader> {
  const { first, all } = await peekLine(decoded(source));
  if (!first.trim()) throw new AppError("invalid", "The file is empty.", { file: ["The file is empty."] });
  const delimiter = delimiterOf(first);
  const parser = parse({ delimiter, relax_column_count: true, skip_empty_lines: true, bom: true });
  Readable.from(all).on("error", (e) => parser.destroy(e)).pipe(parser);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;

  const headerRecord = await nextRecord(records);
  const header = (headerRecord ?? []).map((h) => h.trim());
  const format = formatOf(header);
  if (!format) {
    throw new AppError("invalid", `This file's columns are not a format the importer reads (${KNOWN_FORMATS}).`, {
      file: [`Unknown header: ${header.slice(0, 6).join(", ")}${header.length > 6 ? ", …" : ""}`],
    });
  }
  const index = new Map(header.map((h, i) => [h, i] as const));

  async function* events(): AsyncGenerator<ReadEvent> {
    const seen = new Map<string, number>();
    let row = 1;
    for (;;) {
      const record = await nextRecord(records);
      if (!record) return;
      row++;
      if (record.every((c) => !c.trim())) continue;
      if (record.length !== header.length) {
        yield { type: "refusal", row, column: null, reason: `The row has ${record.length} columns; the header has ${header.length}.` };
        continue;
      }
      const read = format!.read((column) => record[index.get(column) ?? -1] ?? "");
      if ("ignore" in read) yield { type: "ignored", row, reason: read.ignore };
      else if ("refusal" in read) yield { type: "refusal", row, ...(read.refusal satisfies Refusal) };
      else {
        // Two identical rows in one file are two entries: the occurrence tells them apart, and re-reading the
        // same file gives the same keys.
        const n = (seen.get(read.entry.identity) ?? 0) + 1;
        seen.set(read.entry.identity, n);
        const key = `${format!.id === "clockify-17" ? "clockify" : format!.id}:${digest(read.entry.identity)}:${n}`;
        yield { type: "entry", entry: { ...read.entry, row, key } };
      }
    }
  }
  return { format: format.id, label: format.label, events: events() };
}

async function nextRecord(records: AsyncIterator<string[]>): Promise<string[] | null> {
  try {
    const next = await records.next();
    return next.done ? null : next.value;
  } catch (e) {
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines;
      throw new AppError("invalid", `The file is not valid CSV${line ? ` near line ${line}` : ""}: ${e.message.replace(/^Invalid [^:]*:\s*/, "")}`, {
        file: [`Not valid CSV${line ? ` near line ${line}` : ""}.`],
      });
    }
    throw e;
  }
}
