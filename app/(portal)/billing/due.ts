import "server-only";
import { dueMonths } from "@/lib/billing/close";
import { asUser, type Claims } from "@/lib/db";
import { worksFor } from "@/lib/db/clients";
import { clockNow } from "@/lib/clock";

/** Months that ended and are not billed yet, for the clients this staff member works for. */
export async function dueForStaff(claims: Claims, now = clockNow()) {
  const due = await dueMonths(now);
  const ids = [...new Set(due.map((d) => d.clientId))];
  const allowed = await asUser(claims, async (tx) => {
    const ok = new Set<string>();
    for (const id of ids) if (await worksFor(tx, { clientId: id })) ok.add(id);
    return ok;
  });
  return due.filter((d) => allowed.has(d.clientId));
}
