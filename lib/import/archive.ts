// Reading our own export back (issue 22's round trip): the ZIP lib/export/archive.ts writes, opened with yauzl
// from the upload's bytes. Nothing is unpacked to disk and nothing is read whole but the small records: each
// dataset is read as the export wrote its JSON, one row per line, and checked row by row (lib/import/restore-rows).
// What an attacker could put in a ZIP is bounded before anything is read: the number of files, each file's
// declared size and the total, each record's and each line's length; yauzl checks every size it reads against
// the one declared, so a file that inflates past its header stops there.
import { Readable } from "node:stream";
import yauzl from "yauzl";
import { z } from "zod";
import { EXPORT_FORMAT } from "@/lib/export/archive";
import { AppError } from "@/lib/platform/errors";

export const ARCHIVE_LIMITS = {
  files: 10_000,
  /** Uncompressed, across the archive. */
  totalBytes: 4 * 1024 ** 3,
  /** A record read whole (meta.json, client.json, practice.json). */
  recordBytes: 8 * 1024 ** 2,
  /** One row of a dataset. */
  lineBytes: 1024 ** 2,
};

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Whether the bytes start as a ZIP does (an upload is a CSV otherwise). */
export const looksLikeZip = (bytes: Uint8Array) => ZIP_MAGIC.every((b, i) => bytes[i] === b);

const slug = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/);

const metaSchema = z.object({
  format: z.literal(EXPORT_FORMAT.name),
  version: z.literal(EXPORT_FORMAT.version),
  exported_at: z.iso.datetime({ offset: true }),
  exported_by: z.string().max(320),
  scope: z.enum(["practice", "client"]),
  clients: z.array(z.object({ id: z.uuid(), name: z.string().max(200), slug })).max(10_000),
  rows: z.record(z.string(), z.number().int().min(0)),
});
export type ArchiveMeta = z.infer<typeof metaSchema>;

const refuse = (message: string) => new AppError("invalid", message, { file: [message] });
const NOT_OURS = "This ZIP is not a Retainer Portal export: upload the archive from Export (Settings or a client's settings) as it was downloaded.";

export interface OpenArchive {
  meta: ArchiveMeta;
  /** Where a client's files are: `clients/<slug>/` in a practice export, `<slug>/` in a client's. */
  dirOf: (clientSlug: string) => string;
  has: (path: string) => boolean;
  /** A record read whole and parsed (null when the archive has no such file). */
  record: (path: string) => Promise<unknown>;
  /** A file's bytes as they are (a handbook attachment), at most `max` of them. */
  bytes: (path: string, max: number) => Promise<Buffer>;
  /** A dataset's rows, one parsed JSON value at a time, in the order the export wrote them. */
  rows: (path: string) => AsyncGenerator<unknown>;
  close: () => void;
}

function entriesOf(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    let total = 0;
    zip.on("entry", (entry: yauzl.Entry) => {
      total += entry.uncompressedSize;
      if (entries.size >= ARCHIVE_LIMITS.files) return reject(refuse(`The archive holds more than ${ARCHIVE_LIMITS.files.toLocaleString("en-US")} files: it is not an export.`));
      if (total > ARCHIVE_LIMITS.totalBytes) return reject(refuse("The archive unpacks to more than 4 GB: it is not an export this portal can read."));
      if (entry.isEncrypted()) return reject(refuse("The archive is encrypted: upload the export as it was downloaded."));
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", (e: Error) => reject(refuse(`The ZIP can't be read (${e.message}). Upload the export as it was downloaded.`)));
    zip.readEntry();
  });
}

/** Opens an export's ZIP and reads its meta.json; refuses anything that is not one, with what to do instead. */
export async function openArchive(bytes: Uint8Array): Promise<OpenArchive> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, validateEntrySizes: true });
  } catch (e) {
    throw refuse(`The ZIP can't be read (${(e as Error).message}). Upload the export as it was downloaded.`);
  }
  const entries = await entriesOf(zip);

  const stream = async (path: string): Promise<Readable> => {
    const entry = entries.get(path);
    if (!entry) throw refuse(`The archive has no ${path}. ${NOT_OURS}`);
    return zip.openReadStreamPromise(entry);
  };

  async function* lines(path: string, limit: number): AsyncGenerator<string> {
    let rest = "";
    const decoder = new TextDecoder("utf-8", { fatal: true });
    try {
      for await (const chunk of await stream(path)) {
        const parts = (rest + decoder.decode(chunk as Buffer, { stream: true })).split("\n");
        rest = parts.pop()!;
        for (const line of parts) yield line;
        if (rest.length > limit) throw refuse(`${path} has a line over ${Math.round(limit / 1024)} kB: it was changed after it was exported.`);
      }
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw refuse(`${path} can't be read (${(e as Error).message}).`);
    }
    rest += decoder.decode();
    if (rest) yield rest;
  }

  const record = async (path: string): Promise<unknown> => {
    if (!entries.has(path)) return null;
    if (entries.get(path)!.uncompressedSize > ARCHIVE_LIMITS.recordBytes) throw refuse(`${path} is over 8 MB: it was changed after it was exported.`);
    let text = "";
    for await (const line of lines(path, ARCHIVE_LIMITS.recordBytes)) text += `${line}\n`;
    try {
      return JSON.parse(text);
    } catch {
      throw refuse(`${path} is not valid JSON: it was changed after it was exported.`);
    }
  };

  // meta.json at the root (a practice's export) or one folder down (a client's: <slug>/meta.json).
  const metaPaths = [...entries.keys()].filter((p) => /^(?:[^/]+\/)?meta\.json$/.test(p));
  if (metaPaths.length !== 1) {
    zip.close();
    throw refuse(NOT_OURS);
  }
  const parsed = metaSchema.safeParse(await record(metaPaths[0]).catch((e) => { zip.close(); throw e; }));
  if (!parsed.success) {
    zip.close();
    throw refuse(NOT_OURS);
  }
  const meta = parsed.data;
  const root = metaPaths[0].slice(0, -"meta.json".length);
  // A practice's meta.json is at the root; a client's in that client's folder, and names that one client only.
  if (meta.scope === "practice" ? root !== "" : meta.clients.length !== 1 || root !== `${meta.clients[0].slug}/`) {
    zip.close();
    throw refuse(NOT_OURS);
  }

  return {
    meta,
    dirOf: (clientSlug) => (meta.scope === "practice" ? `clients/${clientSlug}/` : root),
    has: (path) => entries.has(path),
    record,
    async bytes(path, max) {
      const entry = entries.get(path);
      if (!entry) throw refuse(`The archive has no ${path}: it was changed after it was exported.`);
      if (entry.uncompressedSize > max) throw refuse(`${path} is larger than the export writes: it was changed after it was exported.`);
      const chunks: Buffer[] = [];
      for await (const chunk of await stream(path)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    async *rows(path) {
      let n = 0;
      for await (const raw of lines(path, ARCHIVE_LIMITS.lineBytes)) {
        n++;
        const line = raw.endsWith(",") ? raw.slice(0, -1) : raw;
        if (line === "[" || line === "]" || line === "[]" || line === "") continue;
        try {
          yield JSON.parse(line);
        } catch {
          throw refuse(`${path}, line ${n}: not the JSON the export writes (one row per line).`);
        }
      }
    },
    close: () => zip.close(),
  };
}
