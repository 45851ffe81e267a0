import "server-only";
// Where a handbook attachment's bytes are kept (issue 26): in Postgres (public.handbook_files.data) by default, or in
// the Supabase Storage bucket a hosted deployment names (HANDBOOK_FILES_BUCKET, with SUPABASE_SECRET_KEY; the bucket
// is private and only the server reaches it). Either way the row in public.handbook_files, read as the person under
// RLS, decides who gets a file: Storage is reached only after that read, with the server's key.
import { StorageClient } from "@supabase/storage-js";
import { AppError } from "@/lib/platform/errors";
import { fileStorageEnv } from "@/lib/platform/env";
import { logger } from "@/lib/platform/log";

const log = logger("handbook.storage");

export interface FileStore {
  kind: "postgres" | "supabase";
  /** Keeps the bytes under `path` (Storage) and returns that path, or null when Postgres keeps them with the row. */
  put(path: string, bytes: Uint8Array, contentType: string): Promise<string | null>;
  /** The bytes kept under `path`. */
  read(path: string): Promise<Uint8Array>;
  /** Forgets `path` (a failed upload's object, a removed file's). */
  remove(path: string): Promise<void>;
}

const unavailable = () => new AppError("unavailable", "The file store could not be reached. Nothing was attached; try again in a minute.");

const postgres: FileStore = {
  kind: "postgres",
  put: async () => null,
  read: async () => { throw new Error("Postgres keeps the bytes with the row"); },
  remove: async () => undefined,
};

/** The store this deployment uses (parsed on every call, so tests can switch it). */
export function fileStore(): FileStore {
  const e = fileStorageEnv();
  if (!e.HANDBOOK_FILES_BUCKET) return postgres;
  // Storage's own client (supabase-js would also open Realtime, which needs a WebSocket Node 20 lacks).
  const key = e.SUPABASE_SECRET_KEY!;
  const bucket = new StorageClient(`${e.NEXT_PUBLIC_SUPABASE_URL!.replace(/\/+$/, "")}/storage/v1`, { apikey: key, Authorization: `Bearer ${key}` })
    .from(e.HANDBOOK_FILES_BUCKET);
  return {
    kind: "supabase",
    async put(path, bytes, contentType) {
      const { error } = await bucket.upload(path, bytes, { contentType, upsert: false, cacheControl: "0" });
      if (error) {
        log.error({ err: error, path }, "attachment upload to Supabase Storage failed");
        throw unavailable();
      }
      return path;
    },
    async read(path) {
      const { data, error } = await bucket.download(path);
      if (error || !data) {
        log.error({ err: error, path }, "attachment download from Supabase Storage failed");
        throw new AppError("unavailable", "The file store could not be reached. Try again in a minute.");
      }
      return new Uint8Array(await data.arrayBuffer());
    },
    async remove(path) {
      const { error } = await bucket.remove([path]);
      if (error) log.warn({ err: error, path }, "attachment object not removed from Supabase Storage");
    },
  };
}
