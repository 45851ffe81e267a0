// Billing periods: a month is open until its close locks it with a statement snapshot.
import type { Tx } from "@/lib/db";

/** The client's closed months, newest first (the snapshot, which holds amounts, is periodStatement's). */
export function closedMonths(tx: Tx, { clientId }: { clientId: string }) {
  return tx<{ month: string; closedAt: Date }[]>`
    select to_char(month, 'YYYY-MM-DD') as month, closed_at as "closedAt"
    from public.billing_periods where client_id = ${clientId} and status = 'closed' order by month desc`;
}
