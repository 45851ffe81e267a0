import "server-only";
// Months that ended and are not billed yet, narrowed to the clients the caller works for.
import { dueMonths } from "@/lib/billing/close";
import type { Tx } from "@/lib/db";
import { worksFor } from "@/lib/db/clients";
import type { Month } from "@/lib/domain/dates";

/** Due months (found as the service role) that the caller, in their own transaction `tx`, works for. */
export async function dueForStaff(tx: Tx, now: Date): Promise<{ clientId: string; month: Month }[]> {
  const due = await dueMonths(now);
  const ids = [...new Set(due.map((d) => d.clientId))];
  const allowed = new Set<string>();
  for (const id of ids) if (await worksFor(tx, { clientId: id })) allowed.add(id);
  return due.filter((d) => allowed.has(d.clientId));
}
