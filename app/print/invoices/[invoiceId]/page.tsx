import type { Metadata } from "next";
import Link from "next/link";
import { HowToPayText } from "@/components/invoices/how-to-pay";
import { PrintButton } from "@/components/ui/print-button";
import { formatDate, formatInstant, formatMinutes, formatMoney } from "@/lib/format";
import { authorizePage } from "@/lib/pages/access";
import { viewPrintInvoice } from "@/lib/pages/print-invoice";

export const metadata: Metadata = { title: "Invoice", robots: { index: false } };

// GET /print/invoices/:invoiceId — a local invoice as a printable page (owners of the client and staff).
export default async function PrintableInvoice({ params }: { params: Promise<{ invoiceId: string }> }) {
  const { invoiceId } = await params;
  // Who may read it is the invoice's RLS: owners of its client and the staff who work for it.
  const { invoice, client, lines, practice, parties, totals, supplyPeriod, hours, howToPay, invoicesHref } = await viewPrintInvoice(await authorizePage("signed-in"), invoiceId);
  const money = (c: number) => formatMoney(c, invoice.currency);

  return (
    <main className="mx-auto max-w-3xl bg-white px-4 py-8 text-slate-900 sm:px-8 sm:py-10 print:max-w-none print:px-0 print:py-0">
      {/* On screen only: the way back to the portal, and printing. */}
      <div className="mb-8 flex flex-wrap items-center justify-between gap-3 print:hidden">
        <Link href={invoicesHref} className="text-sm font-medium text-brand-700 hover:underline">← Back to {client.name}&rsquo;s invoices</Link>
        <div className="flex items-center gap-3"><a href={`${invoicesHref}/${invoice.id}/pdf`} className="text-sm font-medium text-brand-700 hover:underline">Download PDF</a><PrintButton /></div>
      </div>
      <header className="grid gap-6 border-b border-slate-200 pb-6 sm:grid-cols-[minmax(0,1fr)_auto] print:grid-cols-[minmax(0,1fr)_auto]">
        <div>
          <p className="text-xl font-semibold">{practice.name}</p>
          {parties.seller.name !== practice.name && <p className="text-sm text-slate-700">{parties.seller.name}</p>}
          <p className="mt-1 text-sm text-slate-600">{parties.seller.lines.map((l) => <span key={l} className="block">{l}</span>)}</p>
          {practice.invoiceEmail && <p className="text-sm text-slate-600">{practice.invoiceEmail}</p>}
          {parties.seller.taxNumber && <p className="text-sm text-slate-600">{parties.seller.taxNumber}</p>}
        </div>
        <div className="sm:text-right print:text-right">
          <h1 className="text-3xl font-bold tracking-tight">Invoice</h1>
          {/* Label and value in two columns with a gap, so they never run together. */}
          <dl className="mt-2 grid grid-cols-[auto_auto] justify-start gap-x-3 gap-y-0.5 text-sm sm:justify-end print:justify-end">
            <dt className="text-slate-600">Number</dt><dd className="font-medium">{invoice.number ?? "—"}</dd>
            <dt className="text-slate-600">Issued</dt><dd>{invoice.issuedAt ? formatInstant(invoice.issuedAt, client.timezone, { dateStyle: "medium" }) : "—"}</dd>
            <dt className="text-slate-600">Due</dt><dd className="font-medium">{invoice.dueDate ? formatDate(invoice.dueDate) : "—"}</dd>
          </dl>
        </div>
      </header>
      <section className="mt-6 grid grid-cols-[minmax(0,1fr)_auto] gap-6 text-sm">
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-slate-600">Bill to</p>
          <p className="mt-1 font-medium">{parties.buyer.name}</p>
          {parties.buyer.lines.map((l) => <p key={l} className="text-slate-600">{l}</p>)}
          {client.billingEmail && <p className="text-slate-600">{client.billingEmail}</p>}
          {parties.buyer.taxNumber && <p className="text-slate-600">{parties.buyer.taxNumber}</p>}
        </div>
        <div className="text-right">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-600">Supply period</p>
          <p className="mt-1 font-medium">{supplyPeriod}</p>
        </div>
      </section>
      <table className="mt-8 w-full text-[13px] sm:text-sm">
        {/* Every column after the first keeps a gap before it (pl-2, pl-4 from sm), so headers and totals never run together. */}
        <thead className="border-b border-slate-300 text-left text-xs uppercase tracking-wide text-slate-600">
          <tr><th scope="col" className="py-2 font-medium">Description</th><th scope="col" className="py-2 pl-2 text-right font-medium sm:pl-4">Quantity</th><th scope="col" className="py-2 pl-2 text-right font-medium sm:pl-4">Rate</th><th scope="col" className="py-2 pl-2 text-right font-medium sm:pl-4">Amount</th></tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((l) => (
            <tr key={l.id}>
              <td className="py-2">{l.description}</td>
              <td className="py-2 pl-2 text-right tabular-nums sm:pl-4">{l.kind === "overage" && l.quantityMinutes !== null ? formatMinutes(l.quantityMinutes) : l.kind === "retainer_fee" && l.quantityMinutes ? `${formatMinutes(l.quantityMinutes)} included` : "1"}</td>
              <td className="py-2 pl-2 text-right tabular-nums sm:pl-4">{l.unitAmountCents !== null ? <><span className="whitespace-nowrap">{money(l.unitAmountCents)}</span><wbr />/h</> : ""}</td>
              <td className="whitespace-nowrap py-2 pl-2 text-right tabular-nums sm:pl-4">{money(l.amountCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {totals.rows.map((r, i) => (
            <tr key={r.label} className={i === 0 ? "border-t border-slate-300" : undefined}>
              <th scope="row" colSpan={3} className="pt-2 text-right font-normal text-slate-700">{r.label}</th>
              <td className="whitespace-nowrap pl-2 pt-2 text-right tabular-nums sm:pl-4">{money(r.cents)}</td>
            </tr>
          ))}
          <tr className="border-t-2 border-slate-900"><th scope="row" colSpan={3} className="pt-3 text-right text-base">Total due ({invoice.currency})</th><td className="whitespace-nowrap pl-2 pt-3 text-right text-base font-bold tabular-nums sm:pl-4">{money(invoice.totalCents)}</td></tr>
        </tfoot>
      </table>
      {totals.note && <p className="mt-2 text-right text-sm font-medium text-slate-800">{totals.note}</p>}
      <p className="mt-2 text-right text-sm text-slate-600">{invoice.status === "paid" ? "Paid — thank you." : invoice.dueDate ? `Please pay by ${formatDate(invoice.dueDate)}.` : ""}</p>
      {hours && (
        // The month's hours from the statement kept at its close, so "included, overage" adds up on paper.
        <section aria-labelledby="hours-heading" className="mt-8 break-inside-avoid">
          <h2 id="hours-heading" className="text-xs font-medium uppercase tracking-wide text-slate-600">Hours this period</h2>
          <dl className="mt-2 max-w-md divide-y divide-slate-100 border-y border-slate-200 text-sm">
            {hours.map((h) => (
              <div key={h.label} className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-4 py-1.5">
                <dt>{h.label}{h.detail && <span className="block text-xs text-slate-600">{h.detail}</span>}</dt>
                <dd className="text-right tabular-nums">{formatMinutes(h.minutes)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {howToPay && (
        <section aria-labelledby="pay-heading" className="mt-8 break-inside-avoid rounded-md border border-slate-300 p-4 text-sm">
          <h2 id="pay-heading" className="text-xs font-medium uppercase tracking-wide text-slate-600">How to pay</h2>
          <div className="mt-2"><HowToPayText howToPay={howToPay} invoiceNumber={invoice.number} /></div>
        </section>
      )}
      <footer className="mt-12 space-y-1 border-t border-slate-200 pt-4 text-sm text-slate-600">
        {practice.invoiceFooter && <p className="whitespace-pre-line">{practice.invoiceFooter}</p>}
        {/* Printed, an invoice is not an email: say how to reach the practice. */}
        <p>Questions about this invoice? {practice.invoiceEmail ? <>Write to {practice.name} at {practice.invoiceEmail}{invoice.number ? `, quoting ${invoice.number}` : ""}.</> : <>Contact {practice.name}{invoice.number ? `, quoting ${invoice.number}` : ""}.</>}</p>
      </footer>
    </main>
  );
}
