import Link from "next/link";
import type { AwaitingInvoice } from "@/lib/domain/month-phase";
import { formatDate, formatMoney, formatMonth } from "@/lib/format";

/** An ended month's id on Past months, so a notice can link to how its total adds up. */
export const statementAnchor = (month: string) => `month-${month.slice(0, 7)}`;

/**
 * Between a month's end and its close: when it will be invoiced (a day in the client's zone) and, for those who
 * see money, the total expected, with a link to the statement that explains it.
 */
export function AwaitingInvoiceNotice({ awaiting, currency, seesMoney, statementsHref, className = "" }: {
  awaiting: AwaitingInvoice[];
  currency: string;
  seesMoney: boolean;
  statementsHref: string;
  className?: string;
}) {
  return (
    <section aria-label="Months waiting for their invoice" className={`rounded-lg bg-brand-50 px-4 py-3 text-sm text-slate-800 ring-1 ring-inset ring-brand-200 ${className}`}>
      <ul className="space-y-1">
        {awaiting.map((a) => (
          <li key={a.month}>
            <strong className="font-semibold">{formatMonth(a.month)}</strong> will be invoiced on {formatDate(a.invoiceOn, { weekday: "long", month: "long", day: "numeric" })}
            {seesMoney ? <>: expected <strong className="font-semibold tabular-nums">{formatMoney(a.totalCents, currency)}</strong>{a.bills ? ` (${a.bills})` : ""}. </> : ". "}
            <Link href={`${statementsHref}#${statementAnchor(a.month)}`} className="font-medium text-brand-700 underline">
              {seesMoney ? "How it adds up" : "See the month"}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
