// What an entry would do to its month's overage, before it is saved.
import type { Tx } from "@/lib/db";
import { billingStartsFor } from "@/lib/db/clients";
import { listTerms } from "@/lib/db/terms";
import { monthlyUsage } from "@/lib/db/usage";
import { monthOf } from "@/lib/domain/dates";
import { priceMinutes, roundUpTo } from "@/lib/domain/money";
import { computeStatements, unapprovedOverage } from "@/lib/domain/retainer";
import type { EntryInput } from "@/lib/types/hours";

export interface OverageWarning {
  /** Minutes beyond available + pre-approved this entry would cause. */
  unapprovedMinutes: number;
  overageMinutes: number;
  billedOverageMinutes: number;
  overageAmountCents: number;
  preapprovedMinutes: number;
}

/** What an entry would do to its month's overage, if it goes past what the owner pre-approved. */
export async function overageWarning(tx: Tx, clientId: string, input: EntryInput): Promise<OverageWarning | null> {
  if (!input.billable) return null;
  const month = monthOf(input.workDate);
  const [terms, usage, billing] = await Promise.all([
    listTerms(tx, { clientId }), monthlyUsage(tx, { clientId, through: month }), billingStartsFor(tx, { clientIds: [clientId] }),
  ]);
  const history = computeStatements(terms, usage, month, billing.get(clientId)?.start);
  const s = history[history.length - 1];
  if (!s || s.month !== month) return null;
  const unapproved = unapprovedOverage(s, input.minutes);
  if (unapproved === 0) return null;
  const overage = Math.max(0, s.loggedMinutes + input.minutes - s.availableMinutes);
  const billed = roundUpTo(overage, s.terms.overageIncrementMinutes);
  return {
    unapprovedMinutes: unapproved,
    overageMinutes: overage,
    billedOverageMinutes: billed,
    overageAmountCents: priceMinutes(billed, s.terms.overageRateCentsPerHour),
    preapprovedMinutes: s.terms.overagePreapprovedMinutes,
  };
}
