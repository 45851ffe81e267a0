import type { Metadata } from "next";
import Link from "next/link";
import { AwaitingInvoiceNotice } from "@/components/invoices/awaiting";
import { HowToPayText } from "@/components/invoices/how-to-pay";
import { InvoiceStatusBadge } from "@/components/invoices/status";
import { buttonClass } from "@/components/ui/button";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { EmptyState } from "@/components/ui/card";
import { authorizePage } from "@/lib/pages/access";
import { viewInvoices } from "@/lib/pages/invoices";
import { formatDate, formatInstant, formatMinutes, formatMoney, formatMonth } from "@/lib/format";
import { clockNow } from "@/lib/platform/clock";
import { openBillingPortalAction } from "./actions";

export const metadata: Metadata = { title: "Invoices" };

// GET /clients/:clientId/invoices — owners (not members) and staff: every invoice, its lines, and how to pay.
export default async function InvoicesPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const access = await authorizePage("billing", clientId);
  const { client } = access;
  const { invoices, awaiting, manageBilling } = await viewInvoices(access, clockNow());
  const notice = (
    <>
      {manageBilling && (
        <ActionForm action={openBillingPortalAction} ariaLabel="Manage billing" className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <input type="hidden" name="clientId" value={clientId} />
          <p className="text-sm text-slate-700">Your card, billing details and invoice history, on Stripe&rsquo;s secure page. Save a card there to pay each invoice automatically.</p>
          <SubmitButton variant="secondary" pendingLabel="Opening Stripe…">Manage billing</SubmitButton>
        </ActionForm>
      )}
      {awaiting.length > 0 && (
        <AwaitingInvoiceNotice awaiting={awaiting} currency={client.currency} seesMoney statementsHref={`/clients/${clientId}/statements`} />
      )}
    </>
  );
  if (invoices.length === 0) {
    return (
      <div className="space-y-4">
        {notice}
        <EmptyState title="No invoices yet">Each month is invoiced once it ends: the retainer fee plus any overage.</EmptyState>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      {notice}
      <ul className="space-y-4">
        {invoices.map((i) => {
          return (
            <li key={i.id}>
              <article aria-label={`Invoice ${i.number ?? formatMonth(i.month)}`} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div>
                    <h2 className="font-semibold text-slate-900">{formatMonth(i.month)} <span className="font-normal text-slate-500">· {i.number ?? "being issued"}</span></h2>
                    <p className="mt-0.5 text-sm text-slate-600">
                      {i.status === "paid" && i.paidAt ? `Paid ${formatInstant(i.paidAt, client.timezone, { dateStyle: "medium" })}` : i.dueDate ? `Due ${formatDate(i.dueDate)}` : "Not issued yet"}
                    </p>
                  </div>
                  <div className="flex items-center gap-3">
                    <InvoiceStatusBadge status={i.displayStatus} />
                    <span className="text-lg font-semibold tabular-nums text-slate-900">{formatMoney(i.totalCents, i.currency)}</span>
                  </div>
                </div>
                <table className="mt-4 w-full text-sm">
                  <caption className="sr-only">Lines of invoice {i.number}</caption>
                  <tbody className="divide-y divide-slate-100">
                    {i.lines.map((l) => (
                      <tr key={l.id}>
                        <td className="py-1.5 text-slate-700">
                          {l.description}
                          {l.kind === "overage" && l.quantityMinutes !== null && l.unitAmountCents !== null && (
                            <span className="block text-xs text-slate-500">{formatMinutes(l.quantityMinutes)} at {formatMoney(l.unitAmountCents, i.currency)} per hour</span>
                          )}
                        </td>
                        <td className="py-1.5 text-right tabular-nums">{formatMoney(l.amountCents, i.currency)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <div className="mt-4 flex flex-wrap gap-2">
                  {/* "Pay" only where paying is possible (Stripe's page); a local invoice says how to pay instead. */}
                  {i.payment?.kind === "pay" && (
                    <a href={i.payment.url} className={buttonClass("primary")} target="_blank" rel="noopener noreferrer">Pay {formatMoney(i.totalCents, i.currency)}</a>
                  )}
                  {i.payment?.kind === "how-to-pay" && (
                    <details className="group open:basis-full">
                      <summary className={`${buttonClass("primary")} cursor-pointer list-none [&::-webkit-details-marker]:hidden`}>
                        How to pay<span aria-hidden className="inline-block text-xs transition-transform -rotate-90 group-open:rotate-0">▾</span>
                      </summary>
                      <div className="mt-3 rounded-md bg-slate-50 px-4 py-3 text-sm text-slate-800 ring-1 ring-inset ring-slate-200">
                        <p className="mb-2 font-medium text-slate-900">
                          {formatMoney(i.totalCents, i.currency)}{i.dueDate ? `, due ${formatDate(i.dueDate)}` : ""}{i.number ? ` · invoice ${i.number}` : ""}
                        </p>
                        <HowToPayText howToPay={i.payment.howToPay} invoiceNumber={i.number} />
                      </div>
                    </details>
                  )}
                  {!i.stripeInvoiceId && <a href={`/print/invoices/${i.id}`} className={buttonClass("secondary")}>Printable invoice</a>}
                  <Link href={`/clients/${clientId}/invoices/${i.id}`} className={buttonClass("ghost")}>Explain this invoice</Link>
                  <a href={`/clients/${clientId}/invoices/${i.id}/pdf`} className={buttonClass("ghost")}>Download PDF</a>
                </div>
              </article>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
