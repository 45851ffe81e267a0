// After a close, /billing?issued=<id>,<id> names the invoices just issued; the page confirms them.
import { z } from "zod";

/** The invoice ids in the `issued` search param: valid uuids only, anything else dropped. */
export function issuedIds(param: string | undefined): Set<string> {
  return new Set((param ?? "").split(",").filter((id) => z.uuid().safeParse(id).success));
}

/** The invoices among `invoices` (read under the caller's RLS) that the close just issued, in their order. */
export function justIssued<I extends { id: string }>(invoices: readonly I[], ids: ReadonlySet<string>): I[] {
  return invoices.filter((i) => ids.has(i.id));
}
