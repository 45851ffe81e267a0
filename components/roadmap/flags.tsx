import { Badge } from "@/components/ui/card";
import { itemFlags, type FlaggableItem, type PlannedWork } from "@/lib/domain/roadmap";
import type { LocalDate } from "@/lib/domain/dates";
import { formatMinutes, formatMonth } from "@/lib/format";

/**
 * An item's flags (lib/domain/roadmap) on `today`, the client's local date: "Overdue" once its target month
 * has ended unshipped, "Started" for a planned item with time logged. Nothing when neither holds.
 */
export function ItemFlagBadges({ item, today }: { item: FlaggableItem; today: LocalDate }) {
  const { overdue, started } = itemFlags(item, today);
  if (!overdue && !started) return null;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {overdue && (
        <Badge tone="red">
          Overdue<span className="sr-only">: targeted for {formatMonth(item.targetMonth!)}, not shipped</span>
        </Badge>
      )}
      {started && (
        <Badge tone="brand">
          Started<span className="sr-only">: still planned, with {formatMinutes(item.actualMinutes)} logged</span>
        </Badge>
      )}
    </span>
  );
}

const months = (hundredths: number) => {
  const n = hundredths / 100;
  return `${n.toLocaleString("en-US", { maximumFractionDigits: 1 })} month${Math.round(n * 10) === 10 ? "" : "s"}`;
};

/** The open work's estimates against the retainer: what is left, and how many months of included hours that is. */
export function PlannedWorkSummary({ work }: { work: PlannedWork }) {
  if (work.openItems === 0) return null;
  const unestimated = work.openItems - work.estimatedItems;
  return (
    <section aria-labelledby="planned-work" className="rounded-lg bg-white px-4 py-3 text-sm shadow-sm ring-1 ring-slate-200 sm:px-5">
      <h2 id="planned-work" className="font-semibold text-slate-900">Planned work</h2>
      <p className="mt-1 text-slate-700">
        {work.estimatedItems > 0 ? (
          <>
            <strong className="font-semibold text-slate-900">{formatMinutes(work.remainingMinutes)} left</strong> of{" "}
            {formatMinutes(work.estimatedMinutes)} estimated on {work.estimatedItems} open item{work.estimatedItems === 1 ? "" : "s"}
            {" "}({formatMinutes(work.loggedMinutes)} logged so far)
            {work.monthsOfRetainerHundredths !== null && work.includedMinutes !== null && (
              <>: about {months(work.monthsOfRetainerHundredths)} of the {formatMinutes(work.includedMinutes)} included each month</>
            )}
            .
          </>
        ) : (
          <>No open item has an estimate yet, so the plan cannot be set against the retainer.</>
        )}
        {unestimated > 0 && work.estimatedItems > 0 && (
          <span className="text-slate-500"> {unestimated} open item{unestimated === 1 ? " has" : "s have"} no estimate and {unestimated === 1 ? "is" : "are"} not counted.</span>
        )}
      </p>
    </section>
  );
}
