// Rules for what may be logged and corrected. Each returns the problem a person can act on (with the field
// it is about) or null; services turn a problem into a refusal.
import { addDays, localDate, monthOf, type LocalDate } from "@/lib/domain/dates";

export interface Problem {
  /** "conflict": the thing is in a state that forbids it; "invalid" (the default): the input is wrong. */
  kind?: "invalid" | "conflict";
  field?: string;
  message: string;
}

/**
 * The latest day work can be logged for a client: today in its zone, plus one day, so an engineer ahead of
 * the client's zone can log late at night.
 */
export function latestWorkDate(now: Date, zone: string): LocalDate {
  return addDays(localDate(now, zone), 1);
}

export function futureDateProblem(workDate: LocalDate, client: { name: string; timezone: string }, now: Date): Problem | null {
  if (workDate <= latestWorkDate(now, client.timezone)) return null;
  return { field: "workDate", message: `That date is in the future for ${client.name} (${client.timezone}).` };
}

/**
 * A correction goes in a later, open month and points at an entry of a closed month; an open month's entry
 * is edited instead.
 */
export function adjustmentProblem(original: { workDate: LocalDate; monthClosed: boolean }, workDate: LocalDate): Problem | null {
  if (!original.monthClosed) return { message: "That entry's month is still open: edit the entry itself instead." };
  if (monthOf(workDate) <= monthOf(original.workDate)) return { field: "workDate", message: "Record the correction in a later, open month." };
  return null;
}

/** What an edit may change: a voided entry stays as it was, and an adjustment is never zero. */
export function editProblem(before: { voidedAt: Date | null; adjustsEntryId: string | null }, minutes: number): Problem | null {
  if (before.voidedAt) return { kind: "conflict", message: "A voided entry cannot be edited." };
  if (before.adjustsEntryId && minutes === 0) return { message: "An adjustment cannot be zero." };
  return null;
}
