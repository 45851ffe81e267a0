// Shapes of the hours ledger that pages, components and services share (types only, no runtime code).
import type { ActionState } from "@/lib/commands/state";
import type { LocalDate, Month } from "@/lib/types/dates";
import type { ClientBilling } from "@/lib/types/clients";
import type { BurnUpPoint, Forecast, MonthStatement, Terms } from "@/lib/types/retainer";

/** The kinds of work an entry can be; the database's check constraint lists the same six (lib/domain/categories lists them for forms). */
export type Category = "build" | "maintenance" | "audit" | "meeting" | "training" | "support";

export interface EntryInput {
  workDate: LocalDate;
  minutes: number;
  description: string;
  category: Category;
  billable: boolean;
  roadmapItemId: string | null;
}

export interface EntryRow extends EntryInput {
  id: string;
  clientId: string;
  engineerId: string;
  engineerName: string;
  roadmapTitle: string | null;
  adjustsEntryId: string | null;
  adjustsWorkDate: string | null;
  voidedAt: Date | null;
  voidReason: string | null;
  createdAt: Date;
  monthClosed: boolean;
}
/** What the log-time dialog hears back (amounts already formatted in the client's currency). */
export type LogOutcome =
  | { status: "saved"; entryId: string; summary: string }
  | { status: "needs_confirmation"; overage: string; amount: string; preapproved: string; unapproved: string };

export interface ClientMonth {
  today: LocalDate;
  currentMonth: Month;
  month: Month;
  terms: Terms[];
  /** When its fees are invoiced and how its first month starts. */
  billing: ClientBilling;
  /** Every month from the first billed month (lib/domain/timing) through `month`. */
  history: MonthStatement[];
  statement: MonthStatement | null;
  forecast: Forecast | null;
  burnUp: BurnUpPoint[];
}

/** Billable minutes of a month summed by category or by roadmap item (key: the category, or the item's title). */
export interface MinutesByRow {
  key: string;
  itemId: string | null;
  minutes: number;
}

/** The server action the log-time dialog posts to. */
export type LogAction = (state: ActionState<LogOutcome>, form: FormData) => Promise<ActionState<LogOutcome>>;

/** A client as the log-time dialog offers it. */
export interface LogTimeClient {
  id: string;
  name: string;
  /** Today in the client's zone (YYYY-MM-DD). */
  today: string;
  items: { id: string; title: string }[];
}

/** What the entries of a month (as filtered) add up to (lib/domain/ledger computes it). */
export interface LedgerTotals {
  /** Minutes of live (not voided) billable entries of this month's work (corrections of closed months apart). */
  billableMinutes: number;
  /** Minutes of live corrections recorded here against closed months: they re-price the month they correct. */
  correctionMinutes: number;
  /** Minutes of live entries that are not billable. */
  nonBillableMinutes: number;
  /** Live entries. */
  entries: number;
  /** Voided entries (shown struck through, counted in neither total). */
  voided: number;
}

/** The person's running timer as lib/db reads it: what the entry will be, and how long it has run by the database's clock. */
export interface RunningTimerRow {
  clientId: string;
  clientName: string;
  /** The client's zone: the entry's day is the start's local date there. */
  timezone: string;
  roadmapItemId: string | null;
  roadmapTitle: string | null;
  description: string;
  category: Category;
  billable: boolean;
  elapsedMs: number;
}

/** The running timer as the shell shows it (staff only): when it started on the app's clock, and its day's cap. */
export interface RunningTimer {
  clientId: string;
  clientName: string;
  roadmapTitle: string | null;
  description: string;
  /** Start instant on the app's clock (ms since the epoch); the browser ticks from it. */
  startedAtMs: number;
  /** The app's clock when the page was rendered (ms), so a browser whose clock differs still counts right. */
  renderedAtMs: number;
}

/** What stopping a timer answers: saved (an entry), or a question before saving (past 10 hours, past midnight, past the pre-approved overage). */
export type TimerStopOutcome =
  | { status: "saved"; entryId: string; summary: string }
  | { status: "ask"; reason: "past-midnight" | "long"; elapsed: string; workDate: LocalDate; day: string; cap: string; capMinutes: number; suggested: string }
  | Extract<LogOutcome, { status: "needs_confirmation" }>;

export type TimerAction<T> = (state: ActionState<T>, form: FormData) => Promise<ActionState<T>>;
