// What the owner dashboard and the ledger page render (types only): built by lib/pages, rendered by
// components/clients/overview and components/hours/ledger, and saved by the benchmark for its twins.
import type { LocalDate, Month } from "@/lib/types/dates";
import type { ExtraHoursRow } from "@/lib/types/extra-hours";
import type { EntryQuestion } from "@/lib/types/reviews";
import type { Category, ClientMonth, EntryRow, LedgerTotals, MinutesByRow } from "@/lib/types/hours";
import type { AwaitingInvoice } from "@/lib/types/retainer";
import type { UpdateRow } from "@/lib/types/updates";

export interface OverviewData {
  cm: ClientMonth;
  byCategory: MinutesByRow[];
  byItem: MinutesByRow[];
  entries: EntryRow[];
  update: UpdateRow | null;
  /** Ended months not invoiced yet (between the month's end and its close). */
  awaiting: AwaitingInvoice[];
  /** Extra hours asked for and waiting for an owner's decision (issue 23); absent in saved copies from before. */
  openExtraHours?: ExtraHoursRow[];
}

export interface LedgerFilter {
  month?: Month;
  category?: Category;
  item?: string;
  billable?: "yes" | "no";
}

/** Where a ledger page starts: after (older than) or before (newer than) an entry, by its id; the newest without. */
export interface LedgerCursor { after?: string; before?: string }

export interface LedgerData {
  filter: LedgerFilter;
  today: LocalDate;
  current: Month;
  month: Month;
  /** One page of the entries the filter keeps, newest first (LEDGER_PAGE of them at most). */
  entries: EntryRow[];
  /** What every entry the filter keeps adds up to, on every page (summed in SQL; the rules of lib/domain/ledger). */
  totals: LedgerTotals;
  /** This page among the filter's: entries before it, and the cursors to the older and newer pages (null at the ends). */
  page: { offset: number; older: string | null; newer: string | null; lost: boolean };
  months: Month[];
  items: { id: string; title: string; status: string }[];
  /** Owners' questions on the month's entries, with their threads (issue 23); absent in saved copies from before. */
  questions?: EntryQuestion[];
}
