// After a key rotation (SESSION_SECRET_PREVIOUS set, README "Keys"), the daily prune job also seals every stored
// secret again under the current key, so nothing depends on the previous secret once it is dropped (ASVS 11.2.2).
import type { Tx } from "@/lib/db";
import { listSealed, replaceSealed } from "@/lib/db/sealed";
import { resealed } from "@/lib/platform/secret-box";

/** How many sealed values were moved to the current key; those that open under neither stay as they are. */
export async function resealUnderCurrentKey(tx: Tx): Promise<number> {
  let moved = 0;
  for (const row of await listSealed(tx)) {
    const after = resealed(row.purpose, row.sealed);
    if (after && (await replaceSealed(tx, { purpose: row.purpose, owner: row.owner, before: row.sealed, after }))) moved++;
  }
  return moved;
}
