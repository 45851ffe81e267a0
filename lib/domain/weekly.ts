// The facts of a client's week, computed before any words are written: what was logged (Monday–Sunday
// in the client's zone), hours per roadmap item and category, items shipped or moved, and where the
// month stands. Drafts (Claude or template) are built from these and only these.
import { addDays, instantOnDay, localDate, type LocalDate, type Month } from "@/lib/domain/dates";

/**
 * Who wrote a piece of people's words in the facts: the practice's staff ("engineer", "admin") or the
 * client's people ("owner", "member", who can propose roadmap items). "unknown" when the person is gone.
 * The prompt quotes every such text with its author's role; none of them is ever an instruction.
 */
export type AuthorRole = "owner" | "member" | "engineer" | "admin" | "unknown";

export interface WeekEntryInput {
  id: string;
  workDate: LocalDate;
  minutes: number;
  category: string;
  description: string;
  billable: boolean;
  voided: boolean;
  roadmapItemId: string | null;
  roadmapTitle: string | null;
  /** Who logged the entry (and wrote its description); "unknown" when not given. */
  authorRole?: AuthorRole;
  /** Who proposed the entry's roadmap item (and wrote its title); "unknown" when not given. */
  roadmapProposedByRole?: AuthorRole | null;
}

export interface RoadmapChangeInput {
  itemId: string;
  title: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  at: Date;
  /** Who proposed the item (and wrote its title); "unknown" when not given. */
  proposedByRole?: AuthorRole;
}

export interface MonthFacts {
  month: Month;
  usedMinutes: number;
  availableMinutes: number;
  remainingMinutes: number;
  /**
   * The days of the month's pace a credible forecast rests on; null when it is too early to forecast (or the
   * month is over): then the update states usage facts only.
   */
  forecastPaceDays: number | null;
  /**
   * The credible forecast for the month; usedMinutes when there is none (forecastPaceDays null), so that a
   * forecast nobody states is no figure a draft may repeat.
   */
  projectedMinutes: number;
  /** The day the hours ran out, or (credible forecasts only) will. */
  runsOutOn: LocalDate | null;
}

export interface WeeklyFacts {
  clientName: string;
  timezone: string;
  weekStart: LocalDate;
  weekEnd: LocalDate;
  entries: {
    id: string; date: LocalDate; minutes: number; category: string; description: string; writtenByRole: AuthorRole; billable: boolean;
    roadmapItem: string | null; roadmapItemProposedByRole: AuthorRole | null;
  }[];
  totalMinutes: number;
  billableMinutes: number;
  /** proposedByRole is null for the portal's own row, OUTSIDE_ROADMAP. */
  minutesByItem: { itemId: string | null; title: string; proposedByRole: AuthorRole | null; minutes: number }[];
  minutesByCategory: { category: string; minutes: number }[];
  itemsShipped: { itemId: string; title: string; proposedByRole: AuthorRole; on: LocalDate }[];
  itemsMoved: { itemId: string; title: string; proposedByRole: AuthorRole; from: string | null; to: string; on: LocalDate }[];
  month: MonthFacts | null;
}

/** Monday of the week `now` falls in, in `zone`. */
export function currentWeekStart(now: Date, zone: string): LocalDate {
  const today = localDate(now, zone);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(today, -weekday);
}

/** The row for time not linked to a roadmap item, in the facts and the update. */
/**
 * When a week's month figures are read: now while the week is still on (in the client's zone), else on the
 * week's last day there. Taking Sunday noon UTC instead (as it was) read the next month for a week ending on a
 * month's last day in zones ahead of UTC+12 (Auckland in summer, issue 28).
 */
export function weekFactsAsOf(weekStartDay: LocalDate, zone: string, now: Date): Date {
  const lastDay = addDays(weekStartDay, 6);
  return localDate(now, zone) <= lastDay ? now : instantOnDay(lastDay, zone);
}

export const OUTSIDE_ROADMAP = "Outside the roadmap";

export function computeWeeklyFacts(input: {
  clientName: string;
  timezone: string;
  weekStart: LocalDate;
  entries: readonly WeekEntryInput[];
  roadmapChanges: readonly RoadmapChangeInput[];
  month: MonthFacts | null;
}): WeeklyFacts {
  const weekEnd = addDays(input.weekStart, 6);
  const inWeek = (d: LocalDate) => d >= input.weekStart && d <= weekEnd;
  const live = input.entries
    .filter((e) => !e.voided && inWeek(e.workDate))
    .sort((a, b) => a.workDate.localeCompare(b.workDate) || a.id.localeCompare(b.id));

  const byItem = new Map<string, WeeklyFacts["minutesByItem"][number]>();
  const byCategory = new Map<string, number>();
  const itemRole = (e: WeekEntryInput): AuthorRole | null => (e.roadmapItemId ? e.roadmapProposedByRole ?? "unknown" : null);
  for (const e of live) {
    const key = e.roadmapItemId ?? "";
    const row = byItem.get(key) ?? { itemId: e.roadmapItemId, title: e.roadmapTitle ?? OUTSIDE_ROADMAP, proposedByRole: itemRole(e), minutes: 0 };
    row.minutes += e.minutes;
    byItem.set(key, row);
    byCategory.set(e.category, (byCategory.get(e.category) ?? 0) + e.minutes);
  }

  const changes = input.roadmapChanges
    .map((c) => ({ ...c, on: localDate(c.at, input.timezone) }))
    .filter((c) => inWeek(c.on) && c.toStatus && c.toStatus !== c.fromStatus)
    .sort((a, b) => a.at.getTime() - b.at.getTime());

  return {
    clientName: input.clientName,
    timezone: input.timezone,
    weekStart: input.weekStart,
    weekEnd,
    entries: live.map((e) => ({
      id: e.id, date: e.workDate, minutes: e.minutes, category: e.category, description: e.description, writtenByRole: e.authorRole ?? "unknown",
      billable: e.billable, roadmapItem: e.roadmapTitle, roadmapItemProposedByRole: itemRole(e),
    })),
    totalMinutes: live.reduce((s, e) => s + e.minutes, 0),
    billableMinutes: live.filter((e) => e.billable).reduce((s, e) => s + e.minutes, 0),
    minutesByItem: [...byItem.values()].sort((a, b) => b.minutes - a.minutes || a.title.localeCompare(b.title)),
    minutesByCategory: [...byCategory].map(([category, minutes]) => ({ category, minutes })).sort((a, b) => b.minutes - a.minutes || a.category.localeCompare(b.category)),
    itemsShipped: changes.filter((c) => c.toStatus === "shipped").map((c) => ({ itemId: c.itemId, title: c.title, proposedByRole: c.proposedByRole ?? "unknown", on: c.on })),
    itemsMoved: changes.filter((c) => c.toStatus !== "shipped")
      .map((c) => ({ itemId: c.itemId, title: c.title, proposedByRole: c.proposedByRole ?? "unknown", from: c.fromStatus, to: c.toStatus!, on: c.on })),
    month: input.month,
  };
}
