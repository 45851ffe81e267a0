import type { Metadata } from "next";
import Link from "next/link";
import { InvoiceReminders } from "@/components/invoices/reminders";
import { InvoiceStatusBadge } from "@/components/invoices/status";
import { Badge, Card } from "@/components/ui/card";
import { authorizePage } from "@/lib/pages/access";
import { viewInvoice } from "@/lib/pages/invoice";
import { printedTotals } from "@/lib/pages/print-invoice";
import { formatDate, formatMinutes, formatMoney, formatMonth } from "@/lib/format";
import { clockNow } from "@/lib/platform/clock";

export const metadata: Metadata = { title: "Explain this invoice" };

// GET /clients/:clientId/invoices/:invoiceId — the month's statement with every line traced to the
// ledger entries behind it: which hours came out of rollover, the included hours, or overage.
export default async function ExplainInvoicePage({ params }: { params: Promise<{ clientId: string; invoiceId: string }> }) {
  const { clientId, invoiceId } = await params;
  const { invoice, displayStatus, lines, statement: s, rows, adjustments, corrections, reminders, fees, ownFeeElsewhere, questions } = await viewInvoice(await authorizePage("billing", clientId), invoiceId, clockNow());
  const money = (c: number) => formatMoney(c, invoice.currency);
  const taxes = printedTotals(invoice, lines, money);
  const parts = [...lines.map((l) => l.amountCents), ...(invoice.taxCents ? [invoice.taxCents] : [])];
  const sum = parts.map((c, i) => (i === 0 ? money(c) : c < 0 ? ` − ${money(-c)}` : ` + ${money(c)}`)).join("");

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <Link href={`/clients/${clientId}/invoices`} className="text-sm text-brand-700 hover:underline">← Invoices</Link>
          <h2 className="mt-1 text-lg font-semibold text-slate-900">Invoice {invoice.number ?? ""} · {formatMonth(invoice.month)}</h2>
          <InvoiceReminders reminders={reminders} />
        </div>
        <div className="flex items-center gap-3"><a href={`/clients/${clientId}/invoices/${invoice.id}/pdf`} className="text-sm font-medium text-brand-700 hover:underline">Download PDF</a><InvoiceStatusBadge status={displayStatus} /><span className="text-lg font-semibold">{money(invoice.totalCents)}</span></div>
      </div>

      {(s || fees.length > 0) && (
        <Card title="How the total comes about">
          <ol className="space-y-3 text-sm">
            {fees.filter((f) => f.inAdvance).map((f) => (
              <li key={f.id}>
                <strong>{money(f.amountCents)}</strong> retainer fee for {formatMonth(f.month)}, billed in advance at the start of that month
                {f.quantityMinutes !== null ? <>; it includes {formatMinutes(f.quantityMinutes)} of work in {formatMonth(f.month)}</> : null}
                {f.description.includes("prorated") ? <> ({f.description.slice(f.description.indexOf("prorated"))})</> : null}.
              </li>
            ))}
            {s && (
            <li>
              {fees.some((f) => !f.inAdvance)
                ? <><strong>{money(fees.find((f) => !f.inAdvance)!.amountCents)}</strong> retainer fee for {formatMonth(invoice.month)}, which includes</>
                : ownFeeElsewhere
                  ? <>{formatMonth(invoice.month)}&apos;s retainer fee was invoiced in advance{ownFeeElsewhere.number ? <> on invoice {ownFeeElsewhere.number}</> : null}; it includes</>
                  : <>{formatMonth(invoice.month)}&apos;s retainer includes</>}
              {" "}{formatMinutes(s.includedMinutes)} of work
              {s.prorated ? <> (prorated from {formatDate(s.prorated.fromDate, { month: "short", day: "numeric" })}: {s.prorated.days} of {s.prorated.daysInMonth} days)</> : null}
              {s.rolloverInMinutes ? <>; {formatMinutes(s.rolloverInMinutes)} more rolled over from earlier months, for {formatMinutes(s.availableMinutes)} available</> : null}.
            </li>
            )}
            {s && <li>{formatMinutes(s.usedMinutes)} of billable work was logged: {formatMinutes(s.spentRolloverMinutes)} from rollover, {formatMinutes(s.spentIncludedMinutes)} from the included hours.</li>}
            {s && <li>
              {s.overageMinutes > 0 ? (
                <>{formatMinutes(s.overageMinutes)} went past what was available, billed as {formatMinutes(s.billedOverageMinutes)} (rounded up to {s.terms.overageIncrementMinutes}-minute steps) at {money(s.terms.overageRateCentsPerHour)} per hour = <strong>{money(s.overageAmountCents)}</strong>.</>
              ) : (
                <>Nothing went past the available hours, so there is no overage.</>
              )}
            </li>}
            {adjustments.map((l) => (
              <li key={l.id}>
                <strong>{l.amountCents < 0 ? `− ${money(-l.amountCents)}` : money(l.amountCents)}</strong>{" "}
                {l.amountCents < 0 ? "credited" : "added"} for {formatMonth(l.forMonth!)}: a correction recorded after that month was invoiced changed what it bills
                {l.quantityMinutes && l.unitAmountCents !== null
                  ? <> ({l.quantityMinutes < 0 ? "−" : "+"}{formatMinutes(Math.abs(l.quantityMinutes))} of billed overage at {money(l.unitAmountCents)} per hour)</>
                  : l.quantityMinutes === null && l.amountCents < 0 ? <> (as much of the credit as this invoice holds; the rest follows on the next one)</> : null}.
              </li>
            ))}
            {taxes.rows.slice(1).map((r) => (
              <li key={r.label}><strong>{money(r.cents)}</strong> {r.label}{r.label.includes(" on ") ? ", rounded once for the whole invoice" : ""}.</li>
            ))}
            {taxes.note && <li>{taxes.note}</li>}
            <li>
              {parts.length > 1
                ? <>Total: {sum} = <strong>{money(invoice.totalCents)}</strong>.</>
                : <>Total: <strong>{money(invoice.totalCents)}</strong>{lines[0] ? <>, the {lines[0].description.toLowerCase()}</> : null}.</>}
            </li>
          </ol>
        </Card>
      )}

      {corrections.length > 0 && (
        <Card title="Corrections of earlier months recorded in this month">
          <p className="mb-3 text-sm text-slate-600">These count in the month they correct, not against {formatMonth(invoice.month)}; the difference they make is credited or billed on the next invoice.</p>
          <ul className="divide-y divide-slate-100 text-sm">
            {corrections.map((e) => (
              <li key={e.id} className="flex flex-wrap items-baseline justify-between gap-x-3 py-2">
                <span>{e.description}<span className="block text-xs text-slate-500">Recorded {formatDate(e.workDate, { month: "short", day: "numeric" })}, correcting the entry of {e.adjustsWorkDate ? formatDate(e.adjustsWorkDate) : "an earlier month"}</span></span>
                <span className="tabular-nums">{e.minutes < 0 ? "−" : "+"}{formatMinutes(Math.abs(e.minutes))}</span>
              </li>
            ))}
          </ul>
        </Card>
      )}

      {questions.length > 0 && (
        <Card title="Questions on this month's entries">
          <ul className="divide-y divide-slate-100 text-sm">
            {questions.map((q) => (
              <li key={q.id} className="flex flex-wrap items-baseline justify-between gap-x-3 py-2">
                <span className="min-w-0 break-words">
                  <Link href={`/clients/${clientId}/hours?month=${q.month.slice(0, 7)}#q-${q.id}`} className="font-medium text-brand-700 hover:underline">{q.entryDescription}</Link>
                  <span className="block text-xs text-slate-500">
                    {formatDate(q.entryDate, { month: "short", day: "numeric" })} · {formatMinutes(q.entryMinutes)} · asked by {q.openedByName}
                    {q.resolvedByName ? ` · resolved by ${q.resolvedByName}` : ""}
                  </span>
                </span>
                <Badge tone={q.status === "open" ? "amber" : "green"}>{q.status === "open" ? "Still open: disputed" : "Resolved"}</Badge>
              </li>
            ))}
          </ul>
        </Card>
      )}

      <Card title="Every entry, and where its hours went">
        {rows.length === 0 ? (
          <p className="text-sm text-slate-600">No billable entries this month.</p>
        ) : (
          // Phones get each entry as a stacked row (date, work and time, then the running total and where its
          // hours went) instead of a table wider than the screen; the roles keep it a table for screen readers.
          <div className="-mx-4 sm:-mx-5">
            <table role="table" className="block w-full text-sm sm:table">
              <caption className="sr-only">Billable entries of {formatMonth(invoice.month)} with their allocation</caption>
              <thead role="rowgroup" className="sr-only text-left text-xs uppercase tracking-wide text-slate-500 sm:not-sr-only sm:table-header-group">
                <tr role="row">
                  <th role="columnheader" scope="col" className="px-4 py-2 font-medium sm:px-5">Date</th>
                  <th role="columnheader" scope="col" className="px-4 py-2 font-medium">Work</th>
                  <th role="columnheader" scope="col" className="px-4 py-2 text-right font-medium">Time</th>
                  <th role="columnheader" scope="col" className="px-4 py-2 text-right font-medium">Running total</th>
                  <th role="columnheader" scope="col" className="px-4 py-2 font-medium sm:pr-5">Counted as</th>
                </tr>
              </thead>
              <tbody role="rowgroup" className="block divide-y divide-slate-100 sm:table-row-group">
                {rows.map((r) => (
                  <tr role="row" key={r.entry.id} className={`grid grid-cols-[auto_minmax(0,1fr)_auto] gap-x-3 gap-y-0.5 px-4 py-2.5 sm:table-row sm:p-0 ${r.overageMinutes > 0 ? "bg-amber-50/60" : ""}`}>
                    <td role="cell" className="whitespace-nowrap sm:px-5 sm:py-2">{formatDate(r.entry.workDate, { month: "short", day: "numeric" })}</td>
                    <td role="cell" className="sm:px-4 sm:py-2">{r.entry.description}<span className="block text-xs text-slate-500">{r.entry.engineerName}</span></td>
                    <td role="cell" className="whitespace-nowrap text-right tabular-nums sm:px-4 sm:py-2">{formatMinutes(r.entry.minutes)}</td>
                    <td role="cell" className="col-start-2 whitespace-nowrap text-xs text-slate-600 tabular-nums sm:px-4 sm:py-2 sm:text-right sm:text-sm sm:text-slate-900">
                      <span aria-hidden className="sm:hidden">Running total </span>{formatMinutes(r.runningMinutes)}
                    </td>
                    <td role="cell" className="col-span-2 col-start-2 text-xs text-slate-600 sm:px-4 sm:py-2 sm:pr-5 sm:text-slate-900">
                      {[
                        r.fromRolloverMinutes ? `${formatMinutes(r.fromRolloverMinutes)} rollover` : null,
                        r.fromIncludedMinutes ? `${formatMinutes(r.fromIncludedMinutes)} included` : null,
                        r.overageMinutes ? `${formatMinutes(r.overageMinutes)} overage` : null,
                      ].filter(Boolean).join(" · ") || "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
