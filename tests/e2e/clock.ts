// The calendar clock of the e2e server. playwright.config passes E2E_CLOCK to the server as RP_CLOCK
// (lib/platform/clock); specs compute "today" and "last month" from the same instant, so no spec depends on the
// real date. The default is an ordinary mid-month day; `npm test`'s calendar stage reruns the @calendar
// specs at month ends, a leap day and the DST changes of Los Angeles and Auckland (CALENDAR_DATES).
import { addMonths, localDate, monthOf, type LocalDate, type Month } from "@/lib/domain/dates";

export const ORDINARY_DAY = "2026-11-18T20:00:00Z";
export const E2E_CLOCK = process.env.E2E_CLOCK ?? ORDINARY_DAY;

/**
 * Each instant is at least 90 minutes from midnight in Los Angeles, Auckland and Tokyo (the demo zones),
 * so a run never crosses a day boundary.
 */
export const CALENDAR_DATES: { instant: string; why: string }[] = [
  { instant: "2026-12-01T09:30:00Z", why: "the 1st in every demo zone (a month with one day of entries)" },
  { instant: "2026-04-30T09:30:00Z", why: "the last day of a 30-day month in every demo zone" },
  { instant: "2028-02-29T09:30:00Z", why: "February 29 in every demo zone" },
  { instant: "2026-03-08T18:00:00Z", why: "Los Angeles springs forward (a 23-hour Sunday)" },
  { instant: "2026-11-01T18:00:00Z", why: "Los Angeles falls back on the 1st (a 25-hour Sunday)" },
  { instant: "2026-09-27T00:00:00Z", why: "Auckland springs forward (a 23-hour Sunday)" },
];

const loadedAt = Date.now();

/** The server's current instant (its clock ticks from E2E_CLOCK as this one does). */
export const e2eNow = (): Date => new Date(Date.parse(E2E_CLOCK) + (Date.now() - loadedAt));
export const todayIn = (zone: string): LocalDate => localDate(e2eNow(), zone);
export const thisMonthIn = (zone: string): Month => monthOf(todayIn(zone));
export const lastMonthIn = (zone: string): Month => addMonths(thisMonthIn(zone), -1);
