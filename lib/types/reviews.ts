// The owners' review of a month (issue 23), as pages and components see it (types only).
import type { LocalDate, Month } from "@/lib/types/dates";

export interface EntryQuestion {
  id: string;
  entryId: string;
  month: Month;
  status: "open" | "resolved";
  openedBy: string;
  openedByName: string;
  openedAt: Date;
  resolvedByName: string | null;
  resolvedAt: Date | null;
  entryDate: LocalDate;
  entryMinutes: number;
  entryDescription: string;
  messages: { authorName: string; body: string; createdAt: Date }[];
}

/** An ended month in (or past) its review window, as the Past months page shows it. */
export interface MonthReview {
  month: Month;
  /** The practice's review window in days (0: none, months close at once). */
  reviewDays: number;
  /** Still waiting for the owners: it may not close yet. */
  open: boolean;
  closesOn: LocalDate;
  owners: number;
  confirmed: number;
  confirmedBy: string[];
  /** The viewer (an owner) confirmed it already. */
  viewerConfirmed: boolean;
  openQuestions: number;
}
