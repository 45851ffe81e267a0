// Billing periods: a month is open until its close locks it with a statement snapshot.
import type { Tx } from "@/lib/db";

export function closedMonths(tx: Tx, { clientId }: { clientId: string }) {
  return tx<{ month: string; closedAt: Date; statement: unknown }[]>`
    select to_char(month, 'YYYY-MM-DD') as month, closed_at as "closedAt", statement
    from public.billing_periods where client_id = ${clientId} and status = 'closed' order by month desc`;
}
