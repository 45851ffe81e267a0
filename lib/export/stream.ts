import "server-only";
// Serves a download that reads the database as it is sent (the archive of lib/export/archive.ts, the ledger's CSV):
// one read-only transaction as the caller stays open while the body streams, and ends when the last byte is
// written, when the download is cancelled, or on an error (the download then stops short, and the log says why).
// The route authorizes before calling this.
import { asUser, type Claims, type Tx } from "@/lib/db";
import { listClients } from "@/lib/db/clients";
import { readOnly } from "@/lib/db/export";
import { archiveFiles, writeArchive, type ArchiveClient } from "@/lib/export/archive";
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

/** What a download reads while its transaction stays open: its body, when it is written whole, and how to stop it. */
export interface Body<T> {
  info: T;
  body: AsyncIterable<Uint8Array | string>;
  /** Settles when the body is written whole (or failed, or was stopped). */
  done: Promise<void>;
  abort: (reason: Error) => void;
}

/**
 * The one way a download reads the database: `open` runs in a transaction as the caller and returns the body, which
 * the response pulls as it is sent; the transaction ends when the body is written whole, when the download is
 * cancelled (`signal`) or on an error (the download then stops short and the log says why). Null when `open`
 * found nothing to send; an error `open` throws (not found, a refusal) rejects before any byte is sent.
 */
export function openInTransaction<T>(claims: Claims, signal: AbortSignal, what: string, open: (tx: Tx) => Promise<Body<T> | null>): Promise<{ stream: ReadableStream<Uint8Array>; info: T } | null> {
  return new Promise((resolve, reject) => {
    let started = false;
    asUser(claims, async (tx) => {
      await readOnly(tx);
      const opened = await open(tx);
      if (!opened) return resolve(null);
      const cancel = () => opened.abort(new Error("the download was cancelled"));
      signal.addEventListener("abort", cancel, { once: true });
      started = true;
      resolve({ stream: pulled(opened.body, cancel), info: opened.info });
      try {
        await opened.done;
      } finally {
        signal.removeEventListener("abort", cancel);
      }
    }).catch((e: unknown) => {
      if (!started) return reject(e);
      log.warn({ err: e, what }, "download stopped short");
    });
  });
}

/** A generator as a download's body: done when it has run to its end, stopped by ending it where it waits. */
export function generatedBody<T>(info: T, chunks: AsyncGenerator<string>): Body<T> {
  let finish!: () => void;
  let fail!: (e: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    finish = res;
    fail = rej;
  });
  done.catch(() => {});
  async function* body() {
    try {
      yield* chunks;
      finish();
    } catch (e) {
      fail(e);
      throw e;
    }
  }
  return { info, body: body(), done, abort: (reason) => { void chunks.return(undefined).finally(() => fail(reason)); } };
}

/** The archive's bytes, once its transaction is open and its clients are known; null if the client is not the caller's (an empty practice still exports its own record). */
export async function openExport(req: ExportRequest): Promise<{ stream: ReadableStream<Uint8Array>; clients: ArchiveClient[] } | null> {
  const opened = await openInTransaction(req.claims, req.signal, `export ${req.clientId ?? "practice"}`, async (tx) => {
    const all = await listClients(tx, { includeArchived: true });
    const clients = req.clientId === null ? all : all.filter((c) => c.id === req.clientId);
    if (req.clientId !== null && !clients.length) return null;
    const archive = writeArchive(tx, { clients, practice: req.clientId === null, exportedAt: req.now, exportedBy: req.exportedBy, files: await archiveFiles(tx, clients) });
    return { info: clients, body: archive.output, done: archive.done, abort: archive.abort };
  });
  return opened && { stream: opened.stream, clients: opened.info };
}

/**
 * A web stream that reads the body only as the response is sent (one chunk per pull), so a slow download holds
 * the database (and a ZIP's deflater) back instead of buffering in memory; cancelling it stops the body.
 */
function pulled(body: AsyncIterable<Uint8Array | string>, cancel: () => void): ReadableStream<Uint8Array> {
  const chunks = body[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(typeof next.value === "string" ? encoder.encode(next.value) : new Uint8Array(next.value));
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
