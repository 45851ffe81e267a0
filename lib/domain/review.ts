// The owners' review of an ended month (issue 23): for `reviewDays` after a month ends, owners may confirm it or
// question entries before it closes. The close waits until the window ends or every owner confirmed, and never
// longer. Pure: dates are the client's local dates.
import { addDays, addMonths, type LocalDate, type Month } from "@/lib/domain/dates";

/** The first day the month may close: its end plus the review window (the 1st of the next month with none). */
export const reviewEndsOn = (month: Month, reviewDays: number): LocalDate => addDays(addMonths(month, 1), reviewDays);

export interface ReviewState {
  /** The month is in its review window: it may not close yet. */
  open: boolean;
  /** The first day it may close whatever the owners do. */
  closesOn: LocalDate;
  owners: number;
  confirmed: number;
}

/**
 * Whether an ended month still waits for its owners: a window is set, it has not passed, and not every owner
 * confirmed (a client without owners has nobody to wait for).
 */
export function reviewState({ month, today, reviewDays, owners, confirmed }: {
  month: Month; today: LocalDate; reviewDays: number; owners: number; confirmed: number;
}): ReviewState {
  const closesOn = reviewEndsOn(month, reviewDays);
  return { open: reviewDays > 0 && today < closesOn && confirmed < owners, closesOn, owners, confirmed };
}
