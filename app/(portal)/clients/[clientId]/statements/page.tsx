import type { Metadata } from "next";
import Link from "next/link";
import { statementAnchor } from "@/components/invoices/awaiting";
import { MonthReview } from "@/components/reviews/month-review";
import { Badge, Card, EmptyState } from "@/components/ui/card";
import { authorizePage } from "@/lib/pages/access";
import { ifUnused, viewStatements } from "@/lib/pages/statements";
import { addMonths } from "@/lib/domain/dates";
import type { MonthPhase } from "@/lib/domain/month-phase";
import { formatDate, formatMinutes, formatMoney, formatMonth } from "@/lib/format";
import { clockNow } from "@/lib/platform/clock";

export const metadata: Metadata = { title: "Past months" };

const PHASE_BADGE: Record<MonthPhase, { tone: "brand" | "amber" | "green"; label: string }> = {
  in_progress: { tone: "brand", label: "In progress" },
  awaiting_invoice: { tone: "amber", label: "Awaiting invoice" },
  closed: { tone: "green", label: "Closed" },
};

// GET /clients/:clientId/statements — every month's statement, newest first. A closed or ended month shows what
// happened (rolled over, expired, not carried); the month in progress shows facts so far and, apart, what would
// roll over or expire if no more hours are used. Amounts for owners, billing and staff only.
export default async function StatementsPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const access = await authorizePage("member", clientId);
  const { client, seesMoney } = access;
  const months = await viewStatements(access, clockNow());
  if (months.length === 0) return <EmptyState title="No statements yet">Statements start with the first month of the retainer terms.</EmptyState>;

  return (
    <div className="space-y-4">
      {months.map(({ statement: s, phase, invoiceId, invoiceOn: on, billedCents, proration, feeNote, review }) => {
        const badge = PHASE_BADGE[phase];
        const running = phase === "in_progress";
        const corrected = phase === "closed" && billedCents !== null && billedCents !== s.totalCents;
        return (
          <div key={s.month} id={statementAnchor(s.month)} className="scroll-mt-24">
            <Card
              title={<span className="flex items-center gap-2">{formatMonth(s.month)} <Badge tone={badge.tone}>{badge.label}</Badge></span>}
              action={<Link href={`/clients/${clientId}/hours?month=${s.month.slice(0, 7)}`} className="text-sm font-medium text-brand-700 hover:underline">Entries</Link>}
            >
              <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-4">
                <Row label="Included" value={formatMinutes(s.includedMinutes)} detail={proration ?? undefined} />
                <Row label="Rolled over in" value={formatMinutes(s.rolloverInMinutes)} />
                <Row label="Available" value={formatMinutes(s.availableMinutes)} />
                <Row label={running ? "Used so far" : "Used"} value={formatMinutes(s.usedMinutes)} detail={s.adjustmentMinutes ? `incl. ${formatMinutes(s.adjustmentMinutes)} of corrections made after it closed` : undefined} />
                {running ? (
                  <>
                    <Row label={s.remainingMinutes < 0 ? "Over by" : "Remaining"} value={formatMinutes(Math.abs(s.remainingMinutes))} />
                    <Row label="Overage so far" value={formatMinutes(s.billedOverageMinutes)} detail={s.overageMinutes ? `${formatMinutes(s.overageMinutes)} over, rounded up` : undefined} />
                  </>
                ) : (
                  <>
                    <Row label={phase !== "closed" ? "Overage to bill" : s.adjustmentMinutes ? "Overage, as corrected" : "Overage billed"} value={formatMinutes(s.billedOverageMinutes)} detail={s.overageMinutes ? `${formatMinutes(s.overageMinutes)} over, rounded up` : undefined} />
                    <Row label="Rolled over out" value={formatMinutes(s.rolloverEarnedMinutes)} detail={s.rolloverEarnedMinutes && s.terms.rolloverExpiryMonths ? `Usable through ${formatMonth(addMonths(s.month, s.terms.rolloverExpiryMonths))}` : undefined} />
                    <Row label="Expired" value={formatMinutes(s.expiredMinutes)} detail="Rollover not spent in time" />
                    <Row label="Not carried" value={formatMinutes(s.forfeitedMinutes)} detail={s.terms.rolloverCapMinutes ? "Above the rollover cap" : "No rollover on this retainer"} />
                  </>
                )}
              </dl>
              {running && <p className="mt-4 text-sm text-slate-600">{ifUnused(s)}</p>}
              <a href={`/clients/${clientId}/statements/${s.month.slice(0, 7)}/pdf`} className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline">Download PDF</a>
              {seesMoney && (
                <div className="mt-4 border-t border-slate-100 pt-3 text-sm">
                  {s.lines.map((l) => (
                    <div key={l.kind} className="flex justify-between gap-3">
                      <span className="text-slate-600">{l.kind === "overage" ? `Overage: ${formatMinutes(l.quantityMinutes ?? 0)} at ${formatMoney(l.unitAmountCents ?? 0, client.currency)}/h` : l.description}</span>
                      <span className="tabular-nums">{formatMoney(l.amountCents, client.currency)}</span>
                    </div>
                  ))}
                  <div className="mt-1 flex justify-between gap-3 font-semibold">
                    <span>{running ? "Total so far" : phase !== "closed" ? "Expected total" : corrected ? "Total, as corrected" : "Total invoiced"}</span>
                    <span className="tabular-nums">{formatMoney(s.totalCents, client.currency)}</span>
                  </div>
                  {corrected && billedCents !== null && (
                    <p className="mt-2 text-slate-600">
                      Invoiced {formatMoney(billedCents, client.currency)}; a correction made after the month closed changes it by{" "}
                      {formatMoney(Math.abs(s.totalCents - billedCents), client.currency)}, {s.totalCents < billedCents ? "credited" : "billed"} on the next invoice.
                    </p>
                  )}
                  {feeNote && <p className="mt-2 text-slate-600">{feeNote}</p>}
                  {on && <p className="mt-2 text-slate-600">Will be invoiced on {formatDate(on, { weekday: "long", month: "long", day: "numeric" })}.</p>}
                  {invoiceId && <Link href={`/clients/${clientId}/invoices/${invoiceId}`} className="mt-2 inline-block font-medium text-brand-700 hover:underline">View the invoice</Link>}
                </div>
              )}
              {review && review.reviewDays > 0 && <MonthReview clientId={clientId} review={review} owner={access.memberRole === "owner"} />}
            </Card>
          </div>
        );
      })}
    </div>
  );
}

function Row({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="font-medium tabular-nums text-slate-900">{value}</dd>
      {detail && <dd className="text-xs text-slate-500">{detail}</dd>}
    </div>
  );
}
