import "server-only";
// Serves an archive (lib/export/archive.ts) as a download: one read-only transaction as the caller stays open
// while the ZIP streams, and ends when the last byte is written, when the download is cancelled, or on an
// error (the download then stops short, and the log says why). The route authorizes before calling this.
import type { Readable } from "node:stream";
import { asUser, type Claims } from "@/lib/db";
import { listClients } from "@/lib/db/clients";
import { readOnly } from "@/lib/db/export";
import { writeArchive, type ArchiveClient } from "@/lib/export/archive";
import { logger } from "@/lib/platform/log";

const log = logger("export");

export interface ExportRequest {
  claims: Claims;
  /** One client (its id), or the whole practice (null: every client the caller sees, an admin's). */
  clientId: string | null;
  exportedBy: string;
  now: Date;
  signal: AbortSignal;
}

/** The archive's bytes, once its transaction is open and its clients are known; null if the client is not the caller's (an empty practice still exports its own record). */
export function openExport(req: ExportRequest): Promise<{ stream: ReadableStream<Uint8Array>; clients: ArchiveClient[] } | null> {
  return new Promise((resolve, reject) => {
    let started = false;
    asUser(req.claims, async (tx) => {
      await readOnly(tx);
      const all = await listClients(tx, { includeArchived: true });
      const clients = req.clientId === null ? all : all.filter((c) => c.id === req.clientId);
      if (req.clientId !== null && !clients.length) return resolve(null);
      const archive = writeArchive(tx, { clients, practice: req.clientId === null, exportedAt: req.now, exportedBy: req.exportedBy });
      const cancel = () => archive.abort(new Error("the download was cancelled"));
      req.signal.addEventListener("abort", cancel, { once: true });
      started = true;
      resolve({ stream: pulled(archive.output, cancel), clients });
      try {
        await archive.done;
      } finally {
        req.signal.removeEventListener("abort", cancel);
      }
    }).catch((e: unknown) => {
      if (!started) return reject(e);
      log.warn({ err: e, clientId: req.clientId }, "export stopped short");
    });
  });
}

/**
 * A web stream that reads the archive only as the response is sent (one chunk per pull), so a slow download holds
 * the database and the deflater back instead of buffering the archive in memory; cancelling it stops the archive.
 */
function pulled(output: Readable, cancel: () => void): ReadableStream<Uint8Array> {
  const chunks = output[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(new Uint8Array(next.value as Buffer));
    },
    cancel() {
      cancel();
    },
  });
}

/** The download's headers: a ZIP attachment, never cached by a shared cache. */
export function exportHeaders(filename: string): HeadersInit {
  return {
    "content-type": "application/zip",
    "content-disposition": `attachment; filename="${filename}"`,
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
  };
}
