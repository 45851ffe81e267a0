// What the roadmap flags about its items, and how much planned work is left against the retainer (issue 28,
// item 18). Pure: "today" is the client's local date from the app's clock, passed in.
import { monthOf, type LocalDate, type Month } from "@/lib/domain/dates";
import type { RoadmapStatus } from "@/lib/types/roadmap";

export interface FlaggableItem {
  status: RoadmapStatus;
  targetMonth: Month | null;
  /** Minutes of live entries linked to the item. */
  actualMinutes: number;
}

export interface ItemFlags {
  /** Committed to (planned or in progress), targeted for a month that has ended in the client's zone, not shipped. */
  overdue: boolean;
  /** Still "Planned" while time has already been logged against it. */
  started: boolean;
}

const COMMITTED: readonly RoadmapStatus[] = ["planned", "in_progress"];

/**
 * Flags of one item on `today` (a local date in the client's zone). A target month is a promise for the whole
 * month: an item becomes overdue on the 1st of the month after it, not during it. Proposals are not
 * commitments and shipped or dropped items are done, so neither is ever overdue.
 */
export function itemFlags(item: FlaggableItem, today: LocalDate): ItemFlags {
  return {
    overdue: COMMITTED.includes(item.status) && item.targetMonth !== null && item.targetMonth < monthOf(today),
    started: item.status === "planned" && item.actualMinutes > 0,
  };
}

export interface PlannedWork {
  /** Planned and in-progress items. */
  openItems: number;
  /** Open items with an estimate. */
  estimatedItems: number;
  /** Sum of the open items' estimates. */
  estimatedMinutes: number;
  /** Minutes already logged against the estimated open items. */
  loggedMinutes: number;
  /** What is left of the estimates: each item's estimate less its logged time, never below 0 per item. */
  remainingMinutes: number;
  /** Included minutes a month under the current terms; null without terms. */
  includedMinutes: number | null;
  /**
   * Remaining estimate over the monthly included hours, in hundredths of a month (150 = one and a half months);
   * null without terms or with a zero-hour (pure hourly) retainer.
   */
  monthsOfRetainerHundredths: number | null;
}

/** The open work's estimates against the retainer's monthly included hours. */
export function plannedWork(
  items: readonly (FlaggableItem & { estimateMinutes: number | null })[],
  includedMinutes: number | null,
): PlannedWork {
  const open = items.filter((i) => COMMITTED.includes(i.status));
  const estimated = open.filter((i) => i.estimateMinutes !== null && i.estimateMinutes > 0);
  const estimatedMinutes = estimated.reduce((s, i) => s + (i.estimateMinutes ?? 0), 0);
  const loggedMinutes = estimated.reduce((s, i) => s + i.actualMinutes, 0);
  const remainingMinutes = estimated.reduce((s, i) => s + Math.max(0, (i.estimateMinutes ?? 0) - i.actualMinutes), 0);
  return {
    openItems: open.length,
    estimatedItems: estimated.length,
    estimatedMinutes,
    loggedMinutes,
    remainingMinutes,
    includedMinutes,
    monthsOfRetainerHundredths: includedMinutes ? Math.round((remainingMinutes * 100) / includedMinutes) : null,
  };
}
