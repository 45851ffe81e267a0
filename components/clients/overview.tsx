import Link from "next/link";
import { BurnUpChart } from "@/components/hours/burn-up-chart";
import { EntryTable } from "@/components/hours/entry-table";
import { MinutesBars } from "@/components/hours/minutes-bars";
import { Markdown } from "@/components/ui/markdown";
import { UsageBar } from "@/components/clients/usage-bar";
import { AwaitingInvoiceNotice } from "@/components/invoices/awaiting";
import { Card, EmptyState } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { categoryLabel } from "@/lib/domain/categories";
import { addMonths } from "@/lib/domain/dates";
import { MIN_PACE_DAYS } from "@/lib/domain/forecast";
import { usageStatus, usedPercent } from "@/lib/domain/usage";
import { formatDate, formatInstant, formatMinutes, formatMoney, formatMonth } from "@/lib/format";
import { markdownExcerpt } from "@/lib/format/excerpt";
import type { ClientRef } from "@/lib/types/clients";
import type { OverviewData } from "@/lib/types/pages";

/** The client's month at a glance, in the client's zone and currency. Money only for staff and owners. */
export function ClientOverview({ client, data, isStaff, seesMoney }: { client: ClientRef; data: OverviewData; isStaff: boolean; seesMoney: boolean }) {
  const { cm, byCategory, byItem, entries, update, awaiting } = data;
  const openExtra = data.openExtraHours ?? [];
  const clientId = client.id;
  const s = cm.statement;
  const f = cm.forecast;
  const base = `/clients/${clientId}`;

  if (!s || !f) {
    return (
      <EmptyState title="No retainer terms yet" action={isStaff && <Link className="text-sm font-medium text-brand-700 underline" href={`${base}/settings#terms`}>Set the retainer terms</Link>}>
        {isStaff ? "Set the included hours, fee and overage rate to start tracking this client's month." : "Your engineer hasn't set up the retainer yet. Hours appear here once they have."}
      </EmptyState>
    );
  }

  const usedPct = usedPercent(s.usedMinutes, s.availableMinutes);
  const status = usageStatus(s.usedMinutes, s.availableMinutes);
  const over = s.remainingMinutes < 0;
  const expiring = s.carriedIn.filter((b) => b.lastMonth === cm.month);

  const excerpt = update ? markdownExcerpt(update.bodyMd, 700) : null;

  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
      {seesMoney && openExtra.length > 0 && (
        <section aria-label="Extra hours waiting for a decision" className="rounded-lg bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-inset ring-amber-200 lg:col-span-3">
          <p className="font-medium">{isStaff ? "Waiting for the owners' decision:" : "Extra hours wait for your decision:"}</p>
          <ul className="mt-1 space-y-1">
            {openExtra.map((r) => (
              <li key={r.id}>
                <Link href={`${base}/extra-hours#r-${r.id}`} className="font-medium underline">{formatMinutes(r.minutes)} extra in {formatMonth(r.month)}</Link>
                {" "}<span className="break-words">· {r.reason.length > 120 ? `${r.reason.slice(0, 119)}…` : r.reason}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {awaiting.length > 0 && (
        <AwaitingInvoiceNotice className="lg:col-span-3" awaiting={awaiting} currency={client.currency} seesMoney={seesMoney} statementsHref={`${base}/statements`} />
      )}
      <Card title={`${formatMonth(cm.month)} so far`} className="lg:col-span-2">
        <dl className="grid grid-cols-2 gap-x-4 gap-y-5 sm:grid-cols-4">
          <Stat label="Used" value={formatMinutes(s.usedMinutes)} detail={usedPct !== null ? `${usedPct}% of available` : "Billed hourly"} />
          <Stat label="Available" value={formatMinutes(s.availableMinutes)} detail={s.rolloverInMinutes ? `${formatMinutes(s.includedMinutes)} + ${formatMinutes(s.rolloverInMinutes)} rolled over` : "Included this month"} />
          <Stat label={over ? "Over by" : "Remaining"} value={formatMinutes(Math.abs(s.remainingMinutes))} tone={over ? "bad" : status === "attention" ? "warn" : "default"} />
          {f.credible ? (
            <Stat
              label="Forecast"
              value={formatMinutes(f.projectedMinutes)}
              tone={f.projectedMinutes > s.availableMinutes && s.availableMinutes > 0 ? "warn" : "default"}
              detail={<>
                {f.basis.kind === "pace" && f.elapsedDays < f.daysInMonth ? `At the pace of the last ${f.basis.days} days. ` : ""}
                {f.runsOutOn ? `Hours ${f.runsOutActual ? "ran" : "run"} out ${formatDate(f.runsOutOn, { month: "short", day: "numeric" })}` : s.availableMinutes > 0 ? "Within the allotment" : ""}
              </>}
            />
          ) : (
            <Stat
              label="Forecast"
              value={<span className="text-base">Too early to forecast</span>}
              detail={f.runsOutActual && f.runsOutOn
                ? `Hours ran out ${formatDate(f.runsOutOn, { month: "short", day: "numeric" })}`
                : f.elapsedDays < MIN_PACE_DAYS ? `Forecast from day ${MIN_PACE_DAYS}, at the month's pace` : "Forecast once a quarter of the hours are used, or from mid-month"}
            />
          )}
        </dl>
        <div className="mt-5"><UsageBar used={s.usedMinutes} included={s.availableMinutes || null} label="Hours used this month" /></div>
        {seesMoney && (s.overageMinutes > 0 || (f.credible && f.projectedOverageCents > 0)) && (
          <p className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
            {s.overageMinutes > 0 ? (
              <>Overage so far: <strong>{formatMinutes(s.billedOverageMinutes)}</strong> billed, {formatMoney(s.overageAmountCents, client.currency)}. </>
            ) : null}
            {f.credible && f.projectedOverageCents > 0 && f.elapsedDays < f.daysInMonth ? (
              <>At the pace of the last {f.elapsedDays} days the month ends with about {formatMinutes(f.projectedBilledOverageMinutes)} of overage ({formatMoney(f.projectedOverageCents, client.currency)}).</>
            ) : null}
          </p>
        )}
        <div className="mt-6">
          <BurnUpChart points={cm.burnUp} availableMinutes={s.availableMinutes} label={`Hours used in ${formatMonth(cm.month)} against an even pace and the allotment`} />
        </div>
      </Card>

      <div className="grid grid-cols-1 gap-6">
        <Card title="Rollover">
          {s.carriedIn.length === 0 ? (
            <p className="text-sm text-slate-600">
              {s.terms.rolloverCapMinutes > 0
                ? `Nothing carried into this month. Up to ${formatMinutes(s.terms.rolloverCapMinutes)} of unused hours can roll over for ${s.terms.rolloverExpiryMonths} month${s.terms.rolloverExpiryMonths === 1 ? "" : "s"}.`
                : "Unused hours don't roll over on this retainer."}
            </p>
          ) : (
            <ul className="space-y-2 text-sm">
              {s.carriedIn.map((b) => (
                <li key={b.earnedMonth} className="flex justify-between gap-3">
                  <span className="text-slate-700">From {formatMonth(b.earnedMonth)} <span className="block text-xs text-slate-500">Usable through {formatMonth(b.lastMonth)}</span></span>
                  <span className="font-medium tabular-nums">{formatMinutes(b.minutes)}</span>
                </li>
              ))}
            </ul>
          )}
          {expiring.length > 0 && (
            <p className="mt-3 text-xs text-amber-800">
              {formatMinutes(expiring.reduce((sum, b) => sum + b.minutes, 0))} rolled over expires at the end of {formatMonth(cm.month)}; it is spent first.
            </p>
          )}
        </Card>
        {seesMoney && (
          <Card title="This month's cost so far">
            <dl className="space-y-1.5 text-sm">
              {s.lines.map((l, i) => (
                <div key={i} className="flex justify-between gap-3"><dt className="text-slate-600">{l.kind !== "overage" ? l.description : l.unitAmountCents === null ? `Extra hours approved in advance (${formatMinutes(l.quantityMinutes ?? 0)})` : `Overage (${formatMinutes(l.quantityMinutes ?? 0)})`}</dt><dd className="tabular-nums">{formatMoney(l.amountCents, client.currency)}</dd></div>
              ))}
              <div className="flex justify-between gap-3 border-t border-slate-100 pt-1.5 font-semibold"><dt>Total</dt><dd className="tabular-nums">{formatMoney(s.totalCents, client.currency)}</dd></div>
            </dl>
            <Link href={`${base}/statements`} className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline">Past months</Link>
          </Card>
        )}
      </div>

      <Card title="By category">
        <MinutesBars label="Hours by category this month" empty="No billable hours yet this month." rows={byCategory.map((r) => ({ key: r.key, label: categoryLabel(r.key), minutes: r.minutes, href: `${base}/hours?category=${r.key}` }))} />
      </Card>
      <Card title="By roadmap item">
        <MinutesBars label="Hours by roadmap item this month" empty="No billable hours yet this month." rows={byItem.map((r) => ({ key: r.itemId ?? "none", label: r.key || "Not linked to an item", minutes: r.minutes, href: r.itemId ? `${base}/hours?item=${r.itemId}` : undefined }))} />
      </Card>
      <Card title="Latest update" action={<Link href={`${base}/updates`} className="text-sm font-medium text-brand-700 hover:underline">All updates</Link>}>
        {update ? (
          <article>
            <h3 className="font-medium text-slate-900">{update.title}</h3>
            <p className="mt-0.5 text-xs text-slate-500">Published {formatInstant(update.publishedAt, client.timezone, { dateStyle: "medium" })}</p>
            <div className="mt-3"><Markdown>{excerpt!.text}</Markdown></div>
            {excerpt!.cut && (
              <Link href={`${base}/updates/${update.id}`} className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline">Read the whole update</Link>
            )}
          </article>
        ) : (
          <p className="text-sm text-slate-600">
            {isStaff ? "No weekly update published yet. Draft one from the week's logged work on Updates." : "No weekly update yet. Your engineer publishes one each week."}
          </p>
        )}
      </Card>

      <Card title="Latest entries" className="lg:col-span-3" action={<Link href={`${base}/hours`} className="text-sm font-medium text-brand-700 hover:underline">All hours</Link>}>
        {entries.length === 0 ? (
          <EmptyState title="No hours logged yet">Entries appear here as soon as work is logged.</EmptyState>
        ) : (
          <EntryTable entries={entries} caption="Latest time entries" />
        )}
      </Card>
      <p className="text-xs text-slate-500 lg:col-span-3">
        Months follow {client.timezone}. Next month starts {formatDate(addMonths(cm.month, 1))}.
      </p>
    </div>
  );
}
