// A client's retainer terms, set by its staff from an effective month on: a month already closed keeps the
// terms it was billed under, so a change that reaches back into one is refused.
import type { Tx } from "@/lib/db";
import { closedMonthFrom, setTerms as writeTerms } from "@/lib/db/terms";
import type { Terms } from "@/lib/domain/retainer";
import { AppError, notFound } from "@/lib/platform/errors";

export async function setTerms(tx: Tx, actorId: string, clientId: string, terms: Terms) {
  if (await closedMonthFrom(tx, { clientId, month: terms.effectiveMonth })) {
    const msg = "That month is already closed. Terms can change from the first open month on.";
    throw new AppError("month_closed", msg, { effectiveMonth: [msg] });
  }
  if (!(await writeTerms(tx, { actorId, clientId, terms }))) throw notFound("That client");
}
