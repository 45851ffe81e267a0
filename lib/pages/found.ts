import "server-only";
// What a page shows for an id that does not name a row the caller can read: the same 404 as for a page that
// does not exist (lib/pages/access), so a URL never reveals whether another tenant's row exists.
import { notFound } from "next/navigation";
import { AppError } from "@/lib/platform/errors";
import { idField } from "@/lib/schemas/fields";

/** A 404 unless `id` is an id at all (checked before any read). */
export function requireId(id: string): void {
  if (!idField.safeParse(id).success) notFound();
}

/** The read's result, or the page's 404 when it finds nothing (AppError "not_found"). */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  }
}
