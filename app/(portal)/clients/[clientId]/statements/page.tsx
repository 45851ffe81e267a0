import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, EmptyState } from "@/components/ui/card";
import { authorizePage } from "@/lib/pages/access";
import { asUser } from "@/lib/db";
import { closedMonths } from "@/lib/db/periods";
import { formatMinutes, formatMoney, formatMonth } from "@/lib/format";
import { clientMonth } from "@/lib/hours/month";
import { clockNow } from "@/lib/platform/clock";

export const metadata: Metadata = { title: "Past months" };

// GET /clients/:clientId/statements — every month's statement: included, rollover in/out/expired, used,
// overage and (for owners and staff) the amount.
export default async function StatementsPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const { claims, client, seesMoney } = await authorizePage("member", clientId);
  const { cm, closed } = await asUser(claims, async (tx) => ({
    cm: await clientMonth(tx, client, clockNow()),
    closed: new Set((await closedMonths(tx, { clientId })).map((c) => c.month)),
  }));
  const months = [...cm.history].reverse();
  if (months.length === 0) return <EmptyState title="No statements yet">Statements start with the first month of the retainer terms.</EmptyState>;

  return (
    <div className="space-y-4">
      {months.map((s) => {
        const current = s.month === cm.currentMonth;
        return (
          <Card
            key={s.month}
            title={<span className="flex items-center gap-2">{formatMonth(s.month)} {current ? <Badge tone="brand">In progress</Badge> : closed.has(s.month) ? <Badge tone="green">Closed</Badge> : <Badge>Open</Badge>}</span>}
            action={<Link href={`/clients/${clientId}/hours?month=${s.month.slice(0, 7)}`} className="text-sm font-medium text-brand-700 hover:underline">Entries</Link>}
          >
            <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-4">
              <Row label="Included" value={formatMinutes(s.includedMinutes)} />
              <Row label="Rolled over in" value={formatMinutes(s.rolloverInMinutes)} />
              <Row label="Available" value={formatMinutes(s.availableMinutes)} />
              <Row label="Used" value={formatMinutes(s.usedMinutes)} detail={s.adjustmentMinutes ? `incl. ${formatMinutes(s.adjustmentMinutes)} of corrections` : undefined} />
              <Row label="Overage billed" value={formatMinutes(s.billedOverageMinutes)} detail={s.overageMinutes ? `${formatMinutes(s.overageMinutes)} over, rounded up` : undefined} />
              <Row label="Rolled over out" value={formatMinutes(s.rolloverEarnedMinutes)} />
              <Row label="Expired" value={formatMinutes(s.expiredMinutes)} detail="Rollover not spent in time" />
              <Row label="Not carried" value={formatMinutes(s.forfeitedMinutes)} detail={s.terms.rolloverCapMinutes ? "Above the rollover cap" : "No rollover on this retainer"} />
            </dl>
            {seesMoney && (
              <div className="mt-4 border-t border-slate-100 pt-3 text-sm">
                {s.lines.map((l) => (
                  <div key={l.kind} className="flex justify-between gap-3">
                    <span className="text-slate-600">{l.kind === "overage" ? `Overage: ${formatMinutes(l.quantityMinutes ?? 0)} at ${formatMoney(l.unitAmountCents ?? 0, client.currency)}/h` : l.description}</span>
                    <span className="tabular-nums">{formatMoney(l.amountCents, client.currency)}</span>
                  </div>
                ))}
                <div className="mt-1 flex justify-between gap-3 font-semibold">
                  <span>{current ? "Total so far" : "Total"}</span>
                  <span className="tabular-nums">{formatMoney(s.totalCents, client.currency)}</span>
                </div>
              </div>
            )}
          </Card>
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
