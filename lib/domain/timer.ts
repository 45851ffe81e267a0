// The timer's rule (issue 25): what stopping a timer saves. An entry belongs to one day in its client's zone, the
// day the timer started; it is at most what is left of that day (and of 24 hours); a timer that ran past 10
// hours or past midnight there is not saved without the person's say. Elapsed time is whole minutes, rounded up,
// at least one: a timer started and stopped at once still saves the minute it ran in.
import { MAX_MINUTES } from "@/lib/domain/duration";
import { addDays, localDate, startOfDay, type LocalDate } from "@/lib/domain/dates";

export const TIMER_ASK_AFTER_MINUTES = 10 * 60;

export interface TimerReading {
  /** The day the entry is for: the start's local date in the client's zone. */
  workDate: LocalDate;
  /** How long it ran, whole minutes rounded up. */
  elapsedMinutes: number;
  /** The most one entry of that day may hold: the rest of the day after the start, and 24 hours at most. */
  capMinutes: number;
  /** What it saves unless the person says otherwise: elapsed, capped. */
  minutes: number;
  /** Why it asks before saving: past midnight in the client's zone, or longer than 10 hours. */
  ask: "past-midnight" | "long" | null;
}

export function readTimer({ startedAt, now, zone }: { startedAt: Date; now: Date; zone: string }): TimerReading {
  const workDate = localDate(startedAt, zone);
  const elapsedMinutes = Math.max(1, Math.ceil((now.getTime() - startedAt.getTime()) / 60_000));
  const dayLeft = Math.floor((startOfDay(addDays(workDate, 1), zone).getTime() - startedAt.getTime()) / 60_000);
  const capMinutes = Math.max(1, Math.min(dayLeft, MAX_MINUTES));
  const ask = localDate(now, zone) !== workDate ? "past-midnight" : elapsedMinutes > TIMER_ASK_AFTER_MINUTES ? "long" : null;
  return { workDate, elapsedMinutes, capMinutes, minutes: Math.min(elapsedMinutes, capMinutes), ask };
}
