// The figures a weekly update's prose may repeat (lib/ai/figures holds any prose to them): the week's computed
// values, never digits found inside descriptions, titles, dates or ids.
import type { AllowedFigures } from "@/lib/ai/figures";
import type { WeeklyFacts } from "@/lib/domain/weekly";

export type { AllowedFigures } from "@/lib/ai/figures";

/**
 * Minute figures (the week's total and billable, per entry, item and category, and the month's used,
 * available, remaining and projected), their hours, and counts (entries, items worked on, shipped, moved,
 * categories).
 */
export function allowedFigures(facts: WeeklyFacts): AllowedFigures {
  const month = facts.month;
  const minutes = [
    facts.totalMinutes, facts.billableMinutes,
    ...facts.entries.map((e) => e.minutes), ...facts.minutesByItem.map((i) => i.minutes), ...facts.minutesByCategory.map((c) => c.minutes),
    ...(month ? [month.usedMinutes, month.availableMinutes, Math.abs(month.remainingMinutes), month.projectedMinutes] : []),
  ];
  const counts = [facts.entries.length, facts.minutesByItem.length, facts.itemsShipped.length, facts.itemsMoved.length, facts.minutesByCategory.length];
  return { minutes: new Set(minutes), counts: new Set(counts) };
}
