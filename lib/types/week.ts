// The engineer's week (issue 25): shapes shared by lib/db, the view and the grid (types only).
import type { LocalDate } from "@/lib/types/dates";
import type { Category } from "@/lib/types/hours";

/** One client, roadmap item and day of the person's entries: their sum, and the entry itself when there is one. */
export interface WeekCellRow {
  clientId: string;
  itemId: string | null;
  itemTitle: string | null;
  workDate: LocalDate;
  minutes: number;
  entries: number;
  entryId: string | null;
  description: string | null;
  category: Category | null;
  billable: boolean | null;
}

export interface WeekCell {
  date: LocalDate;
  minutes: number;
  entries: number;
  /** The one entry a cell holds (edited in place); null for none or several (several open in the ledger). */
  entry: { id: string; description: string; category: Category; billable: boolean } | null;
}

export interface WeekRow {
  key: string;
  clientId: string;
  clientName: string;
  itemId: string | null;
  itemTitle: string | null;
  /** The client's hours left this month ("12h 30m left", "2h over"). */
  remaining: string | null;
  cells: WeekCell[];
  total: number;
}

export interface WeekClient {
  id: string;
  name: string;
  today: LocalDate;
  items: { id: string; title: string }[];
  /** Days of this week that cannot be written for this client, and why. */
  locked: Record<LocalDate, string>;
  remaining: string | null;
}

/** The week page: its days, rows, totals, the clients a row may be added for, and last week's rows. */
export interface WeekView {
  zone: string;
  today: LocalDate;
  start: LocalDate;
  days: { date: LocalDate; label: string; isToday: boolean }[];
  previous: LocalDate;
  next: LocalDate;
  rows: WeekRow[];
  dayTotals: number[];
  weekTotal: number;
  clients: WeekClient[];
  /** Rows of last week not on this week's grid, for "Copy last week's rows". */
  lastWeek: { clientId: string; itemId: string | null }[];
  /** The person's default category for new rows (their setting on /account). */
  defaultCategory: Category;
}

/** The first day of a person's week on /week. */
export type WeekStartDay = "monday" | "saturday" | "sunday";

/** A staff member's work settings on /account (issue 25). */
export interface WorkPreferences {
  weekStart: WeekStartDay;
  defaultCategory: Category;
}
