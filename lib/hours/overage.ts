// What an entry would do to its month's overage, before it is saved.
import type { Tx } from "@/lib/db";
import { billingStartsFor } from "@/lib/db/clients";
import { approvedExtrasFor } from "@/lib/db/extra-hours";
import { listTerms } from "@/lib/db/terms";
import { monthlyUsage } from "@/lib/db/usage";
import { monthOf } from "@/lib/domain/dates";
import { computeStatements, unapprovedOverage, type LedgerEntry } from "@/lib/domain/retainer";
import type { EntryInput } from "@/lib/types/hours";

export interface OverageWarning {
  /** Minutes beyond available + pre-approved (terms and approved extra hours) this entry would cause. */
  unapprovedMinutes: number;
  overageMinutes: number;
  billedOverageMinutes: number;
  overageAmountCents: number;
  /** The terms' pre-approved overage plus the extra hours the owners approved for the month. */
  preapprovedMinutes: number;
}

/** What an entry would do to its month's overage, if it goes past what the owner pre-approved. */
export async function overageWarning(tx: Tx, clientId: string, input: EntryInput): Promise<OverageWarning | null> {
  if (!input.billable) return null;
  const month = monthOf(input.workDate);
  const [terms, usage, billing, extras] = await Promise.all([
    listTerms(tx, { clientId }), monthlyUsage(tx, { clientId, through: month }), billingStartsFor(tx, { clientIds: [clientId] }),
    approvedExtrasFor(tx, { clientIds: [clientId] }),
  ]);
  const statementOf = (entries: LedgerEntry[]) => computeStatements(terms, entries, month, billing.get(clientId)?.start, extras.get(clientId)).at(-1);
  const s = statementOf(usage);
  if (!s || s.month !== month) return null;
  const unapproved = unapprovedOverage(s, input.minutes);
  if (unapproved === 0) return null;
  // The month as it would be billed with the entry: at the rate, or at the price of a quoted block it falls in.
  const after = statementOf([...usage, { workDate: input.workDate, minutes: input.minutes, billable: true, voided: false }])!;
  return {
    unapprovedMinutes: unapproved,
    overageMinutes: after.overageMinutes,
    billedOverageMinutes: after.billedOverageMinutes,
    overageAmountCents: after.overageAmountCents,
    preapprovedMinutes: s.terms.overagePreapprovedMinutes + (s.approvedExtraMinutes ?? 0),
  };
}
