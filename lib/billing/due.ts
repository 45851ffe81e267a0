import "server-only";
// Months that ended and are not billed yet, narrowed to the clients the caller works for.
import { dueMonths } from "@/lib/billing/close";
import type { Tx } from "@/lib/db";
import { staffedAmong } from "@/lib/db/clients";
import type { Month } from "@/lib/domain/dates";

/** Due months (found as the service role) that the caller, in their own transaction `tx`, works for. */
export async function dueForStaff(tx: Tx, now: Date): Promise<{ clientId: string; month: Month }[]> {
  const due = await dueMonths(now);
  const allowed = await staffedAmong(tx, { clientIds: [...new Set(due.map((d) => d.clientId))] });
  return due.filter((d) => allowed.has(d.clientId));
}
