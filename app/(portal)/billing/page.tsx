import type { Metadata } from "next";
import Link from "next/link";
import { InvoiceStatusBadge } from "@/components/invoices/status";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { authorizePage } from "@/lib/pages/access";
import { viewBilling, type JobRunRow } from "@/lib/pages/billing";
import { formatDate, formatInstant, formatMinutes, formatMoney, formatMonth } from "@/lib/format";
import { Confirm } from "@/components/ui/confirm";
import { closeAllDueAction, closeMonthAction, markPaidAction, retryPushAction } from "./actions";
import { clockNow } from "@/lib/platform/clock";

export const metadata: Metadata = { title: "Billing" };

// GET /billing — months that have ended, previewed as the statement they will bill, ready to close;
// then the invoices issued so far.
export default async function BillingPage({ searchParams }: { searchParams: Promise<{ issued?: string }> }) {
  const { viewer, previews, invoices, issued, clientCount, jobs, stripe } = await viewBilling(await authorizePage("staff"), await searchParams, clockNow());
  // Months in their owners' review wait (issue 23): "Close all" closes the others.
  const closable = previews.filter((p) => !p.review?.open);

  return (
    <>
      <PageHeader
        title="Billing"
        description={stripe ? "Closing a month locks its hours and sends the invoice through Stripe." : "No Stripe key is set: closing a month issues a numbered local invoice you can print and mark paid."}
      />

      {issued.length > 0 && (
        <div role="status" className="mb-6 rounded-lg bg-emerald-50 p-4 text-sm text-emerald-900 ring-1 ring-emerald-200">
          <p className="font-medium">{issued.length === 1 ? "Invoice issued" : `${issued.length} invoices issued`}</p>
          <ul className="mt-1 space-y-0.5">
            {issued.map((i) => (
              <li key={i.id}>
                {i.number ?? "Invoice"} for {i.clientName}, {formatMonth(i.month)}: {formatMoney(i.totalCents, i.currency)}
                {i.stripeInvoiceId ? ", sent through Stripe" : stripe ? ", on its way to Stripe" : ""}
              </li>
            ))}
          </ul>
        </div>
      )}

      <Card title="Ready to close" action={previews.length > 1 && (
        <span className="text-sm text-slate-600">{previews.length} months</span>
      )}>
        {closable.length > 1 && (
          <div className="mb-2 border-b border-slate-100 pb-3">
          <Confirm label={`Close all ${closable.length} months…`}>
            <ActionForm action={closeAllDueAction} className="space-y-3" ariaLabel="Close all due months">
              <p className="text-sm text-slate-700">
                Locks the hours of {closable.length} months and issues {closable.length} invoices
                {stripe ? ", each sent through Stripe" : ", numbered locally"}:
              </p>
              <ul className="list-disc pl-5 text-sm text-slate-700">
                {closable.map(({ client, month, draft }) => (
                  <li key={`${client.id}:${month}`}>{client.name}, {formatMonth(month)}{draft ? `: ${formatMoney(draft.totalCents, client.currency)}` : ""}</li>
                ))}
              </ul>
              <SubmitButton pendingLabel="Closing…">Close and issue {previews.length} invoices</SubmitButton>
            </ActionForm>
          </Confirm>
          </div>
        )}
        {previews.length === 0 ? (
          clientCount === 0
            ? <EmptyState title="No clients assigned to you yet">Engineers bill the clients they work for. Once an admin assigns you one, its ended months and invoices appear here.</EmptyState>
            : <EmptyState title="Nothing to close">Every ended month is billed. Months appear here as soon as they end in each client&apos;s time zone.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {previews.map(({ client, month, statement: s, draft, bills, review }) => (
              <li key={`${client.id}:${month}`} className="flex flex-col gap-3 py-4 sm:flex-row sm:items-start sm:justify-between">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">{client.name} · {formatMonth(month)}</p>
                  {bills && <p className="text-sm text-slate-600">{bills}</p>}
                  {s ? (
                    <dl className="mt-1 grid grid-cols-2 gap-x-6 gap-y-1 text-sm text-slate-600 sm:grid-cols-4">
                      <div><dt className="text-xs text-slate-500">Used</dt><dd>{formatMinutes(s.usedMinutes)} of {formatMinutes(s.availableMinutes)}</dd></div>
                      <div><dt className="text-xs text-slate-500">Fee</dt><dd>{formatMoney(draft ? draft.lines.filter((l) => l.kind === "retainer_fee").reduce((sum, l) => sum + l.amountCents, 0) : s.terms.monthlyFeeCents, client.currency)}</dd></div>
                      <div><dt className="text-xs text-slate-500">Overage</dt><dd>{s.billedOverageMinutes ? `${formatMinutes(s.billedOverageMinutes)} · ${formatMoney(s.overageAmountCents, client.currency)}` : "None"}{s.approvedExtraMinutes ? ` (${formatMinutes(s.approvedExtraMinutes)} approved in advance)` : ""}</dd></div>
                      <div><dt className="text-xs text-slate-500">Total</dt><dd className="font-semibold text-slate-900">{formatMoney(draft?.totalCents ?? s.totalCents, client.currency)}</dd></div>
                      {draft?.adjustments.map((a) => (
                        <div key={a.forMonth} className="col-span-2 sm:col-span-4">
                          <dt className="text-xs text-slate-500">Correction of {formatMonth(a.forMonth!)}</dt>
                          <dd>
                            {a.amountCents < 0 ? `− ${formatMoney(-a.amountCents, client.currency)} credited` : `${formatMoney(a.amountCents, client.currency)} added`}
                            {a.quantityMinutes ? ` (${a.quantityMinutes < 0 ? "−" : "+"}${formatMinutes(Math.abs(a.quantityMinutes))} of billed overage)` : a.quantityMinutes === null && a.amountCents < 0 ? " (part; the rest on the next invoice)" : ""}
                          </dd>
                        </div>
                      ))}
                      {draft && draft.tax.taxCents !== 0 && (
                        <div className="col-span-2 sm:col-span-4">
                          <dt className="text-xs text-slate-500">Tax</dt>
                          <dd>{formatMoney(draft.tax.taxCents, client.currency)} on {formatMoney(draft.tax.netCents, client.currency)}, included in the total</dd>
                        </div>
                      )}
                      {draft && draft.missing.length > 0 && (
                        <div className="col-span-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-amber-900 sm:col-span-4">
                          <dt className="text-xs font-medium">The invoice would lack</dt>
                          <dd><ul className="list-disc pl-5">{draft.missing.map((m) => <li key={m.field}>{m.message}</li>)}</ul></dd>
                        </div>
                      )}
                    </dl>
                  ) : draft ? (
                    <p className="text-sm text-slate-600">The opening invoice: the first month&apos;s fee, billed at its start. Total {formatMoney(draft.totalCents, client.currency)}.</p>
                  ) : (
                    <p className="text-sm text-slate-600">No terms for this month.</p>
                  )}
                </div>
                {review && (review.open || review.openQuestions > 0) && (
                  <p className="text-sm text-amber-900">
                    {review.open && `The owners review ${formatMonth(month)} until ${formatDate(review.closesOn, { month: "long", day: "numeric" })} (${review.confirmed} of ${review.owners} confirmed): it closes then, or once every owner has confirmed.`}
                    {review.openQuestions > 0 && (
                      <> <Link href={`/clients/${client.id}/hours?month=${month.slice(0, 7)}#questions`} className="font-medium underline">
                        {review.openQuestions} question{review.openQuestions === 1 ? "" : "s"} about its entries still open
                      </Link>.</>
                    )}
                  </p>
                )}
                {review?.open ? null : (
                <Confirm label={`Close ${formatMonth(month)}…`} ariaLabel={`Close ${formatMonth(month)}… (${client.name})`} className="shrink-0">
                  <ActionForm action={closeMonthAction} className="space-y-3" ariaLabel={`Close ${client.name} ${formatMonth(month)}`}>
                    <input type="hidden" name="clientId" value={client.id} />
                    <input type="hidden" name="month" value={month} />
                    <p className="text-sm text-slate-700">
                      Locks {client.name}&apos;s hours for {formatMonth(month)} (later fixes become corrections) and issues
                      {draft ? ` an invoice for ${formatMoney(draft.totalCents, client.currency)}` : " its invoice"}
                      {stripe ? ", sent to the client through Stripe." : ", numbered locally for you to send."}
                    </p>
                    <SubmitButton pendingLabel="Closing…">Close and issue the invoice</SubmitButton>
                  </ActionForm>
                </Confirm>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title="Invoices" className="mt-6">
        {invoices.length === 0 ? (
          <p className="text-sm text-slate-600">No invoices yet.</p>
        ) : (
          // Phones get each invoice as a stacked row (number and total on top, client and status below) instead
          // of a table wider than the screen; the roles keep it a table for screen readers in both layouts.
          <div className="-mx-4 sm:-mx-5">
            <table role="table" className="block w-full text-sm sm:table">
              <caption className="sr-only">Invoices issued</caption>
              <thead role="rowgroup" className="sr-only text-left text-xs uppercase tracking-wide text-slate-500 sm:not-sr-only sm:table-header-group">
                <tr role="row">
                  <th role="columnheader" scope="col" className="px-4 py-2 font-medium sm:px-5">Invoice</th>
                  <th role="columnheader" scope="col" className="px-4 py-2 font-medium">Client</th>
                  <th role="columnheader" scope="col" className="px-4 py-2 font-medium">Status</th>
                  <th role="columnheader" scope="col" className="px-4 py-2 text-right font-medium">Total</th>
                  <th role="columnheader" scope="col" className="px-4 py-2 sm:pr-5"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody role="rowgroup" className="block divide-y divide-slate-100 sm:table-row-group">
                {invoices.map((i) => (
                  <tr role="row" key={i.id} className="grid grid-cols-[minmax(0,1fr)_auto] items-start gap-x-4 gap-y-1 px-4 py-3 sm:table-row sm:p-0">
                    <td role="cell" className="sm:px-5 sm:py-2">
                      <Link href={`/clients/${i.clientId}/invoices/${i.id}`} className="font-medium text-brand-700 hover:underline">{i.number ?? "Draft"}</Link>
                      <span className="block text-xs text-slate-500">{formatMonth(i.month)}{i.dueDate ? ` · due ${formatDate(i.dueDate)}` : ""}</span>
                    </td>
                    <td role="cell" className="col-start-1 row-start-2 sm:px-4 sm:py-2">{i.clientName}</td>
                    <td role="cell" className="col-start-2 row-start-2 text-right sm:px-4 sm:py-2 sm:text-left">
                      <InvoiceStatusBadge status={i.displayStatus} />
                      {i.pushError && !i.pushedAt && <span className="block text-xs text-red-700">Stripe push pending: will retry</span>}
                    </td>
                    <td role="cell" className="col-start-2 row-start-1 whitespace-nowrap text-right font-medium tabular-nums sm:px-4 sm:py-2 sm:font-normal">{formatMoney(i.totalCents, i.currency)}</td>
                    <td role="cell" className="col-span-2 whitespace-nowrap empty:hidden sm:px-4 sm:empty:table-cell sm:py-2 sm:pr-5 sm:text-right">
                      {!i.stripeInvoiceId && i.status === "open" && !stripe && (
                        <ActionForm action={markPaidAction} className="inline-block">
                          <input type="hidden" name="clientId" value={i.clientId} />
                          <input type="hidden" name="invoiceId" value={i.id} />
                          <SubmitButton variant="secondary" pendingLabel="Saving…">Mark paid</SubmitButton>
                        </ActionForm>
                      )}
                      {stripe && !i.pushedAt && (
                        <ActionForm action={retryPushAction} className="inline-block">
                          <input type="hidden" name="clientId" value={i.clientId} />
                          <input type="hidden" name="invoiceId" value={i.id} />
                          <SubmitButton variant="secondary" pendingLabel="Sending…">Send to Stripe</SubmitButton>
                        </ActionForm>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {jobs && <ScheduledJobs runs={jobs} zone={viewer.timezone ?? "UTC"} />}
    </>
  );
}

const JOBS: { job: JobRunRow["job"]; name: string; every: string }[] = [
  { job: "close-months", name: "Monthly close", every: "daily" },
  { job: "send-mail", name: "Email delivery", every: "every few minutes" },
  { job: "send-reminders", name: "Overdue reminders", every: "daily" },
  { job: "send-digests", name: "Daily notification summaries", every: "hourly" },
  { job: "prune", name: "Removing what is past its retention period", every: "daily" },
];

/** Admins see that the schedules fire: each job's last run, and what it did or the error it stopped on. */
function ScheduledJobs({ runs, zone }: { runs: (JobRunRow & { lastOkAt: Date | null })[]; zone: string }) {
  return (
    <Card title="Scheduled jobs" className="mt-6">
      <ul className="divide-y divide-slate-100 text-sm">
        {JOBS.map(({ job, name, every }) => {
          const r = runs.find((x) => x.job === job);
          return (
            <li key={job} className="py-2.5">
              <p className="font-medium text-slate-900">{name} <span className="font-normal text-slate-500">· runs {every}</span></p>
              {!r ? (
                <p className="text-amber-800">Has not run on this deployment yet. Schedule <code>/api/cron/{job}</code> (README, Deploy for real, step 5).</p>
              ) : r.ok === false ? (
                <p className="text-red-700">
                  Last run {formatInstant(r.startedAt, zone)} failed: {r.error}
                  {r.lastOkAt ? ` Last good run ${formatInstant(r.lastOkAt, zone)}.` : ""}
                </p>
              ) : (
                <p className="text-slate-600">
                  Last run {formatInstant(r.startedAt, zone)}{r.ok === null ? ", still running" : ""}
                  {Object.keys(r.summary).length > 0 ? ` · ${Object.entries(r.summary).map(([k, v]) => `${k} ${String(v)}`).join(", ")}` : ""}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
