// Durations typed by a person, read by one rule (Harvest's): a bare number is hours, always. "1.5" and "1,5"
// are 1h 30m, "2" is 2h; "1:30", "1h30", "1h 30m", "1.5h", "2h" and "90m" say their unit. A bare number never
// means minutes: until issue 28, "12" was 12 hours and "13" was 13 minutes, a switch nobody could predict. A
// bare number above 12 is far more often minutes typed without their "m" than a working day, so it is not
// read at all: the person is asked "Did you mean 90m?" and writes 90m or 13h. A text that says hours twice
// ("1.5h30", "1h2h") is refused too, instead of adding the parts (it read "1.5h30" as 120 minutes).
//
// The messages are the ones a person sees, word for word, in the log-time dialog as they type and in the
// refusal; an entry is whole minutes, more than none and at most a day.

export const MAX_MINUTES = 24 * 60;

/** The largest bare number read as hours; above it the person is asked which unit they meant. */
export const MAX_BARE_HOURS = 12;

/** The rule in one line, for hints beside a duration field. */
export const DURATION_RULE = "A bare number is hours (1.5 = 1h 30m); write 45m for minutes.";

export type DurationProblem =
  | "empty" // nothing typed
  | "unreadable" // not a duration at all
  | "bare-over-12" // a bare number above MAX_BARE_HOURS: hours or minutes?
  | "two-hour-parts" // "1.5h30", "1h2h"
  | "minutes-over-59" // "1h70", "1:75"
  | "not-whole-minutes" // "1.01" hours
  | "zero"
  | "over-a-day";

export type DurationReading =
  | { ok: true; minutes: number }
  | { ok: false; problem: DurationProblem; message: string };

const GENERIC = "Enter a duration like 1h30, 1:30, 1.5 (hours) or 45m, up to 24 hours.";

const HOURS = "(?:h|hr|hrs|hour|hours)";
const MINUTES = "(?:m|min|mins|minute|minutes)";
const HOURS_ALONE = new RegExp(`^(\\d{1,2}(?:\\.\\d{1,2})?)${HOURS}$`);
const HOURS_AND_MINUTES = new RegExp(`^(\\d{1,2})${HOURS}(\\d{1,3})${MINUTES}?$`);
const MINUTES_ALONE = new RegExp(`^(\\d{1,4})${MINUTES}$`);
const CLOCK = /^(\d{1,2}):(\d{2})$/;
const BARE = /^(\d{1,4}(?:\.\d{1,2})?)$/;
// Hours written twice: decimal hours followed by more time ("1.5h30"), or two hour markers ("1h2h", "1h 2hrs").
const DECIMAL_HOURS_THEN_MORE = new RegExp(`^\\d+\\.\\d+${HOURS}\\d`);
const TWO_HOUR_MARKERS = new RegExp(`\\d${HOURS}.*\\d${HOURS}(?:\\d|$)`);

const fail = (problem: DurationProblem, message: string): DurationReading => ({ ok: false, problem, message });

/**
 * What `input` says, in whole minutes, or why it cannot be read. `sign` is what the person typed before the
 * number ("-" or "+" for a correction), repeated in suggestions so "Did you mean -30m?" can be typed as is.
 */
export function readDuration(input: string, sign = ""): DurationReading {
  const s = input.trim().toLowerCase().replace(/\s+/g, "").replace(",", ".");
  if (!s) return fail("empty", "Enter how long you worked.");
  // No duration is longer than "12hours59minutes"; a long text is not read (nor echoed in a message).
  if (s.length > 20) return fail("unreadable", GENERIC);
  if (DECIMAL_HOURS_THEN_MORE.test(s) || TWO_HOUR_MARKERS.test(s)) {
    return fail("two-hour-parts", `"${s}" gives hours twice. Write one duration, like ${sign}1h30 or ${sign}1.5h.`);
  }
  let m: RegExpExecArray | null;
  let minutes: number | null;
  let decimal = ""; // the decimal hours typed, for the message when they are not whole minutes
  if ((m = CLOCK.exec(s)) || (m = HOURS_AND_MINUTES.exec(s))) {
    const [h, min] = [Number(m[1]), Number(m[2])];
    if (min > 59) {
      const total = h * 60 + min;
      return fail("minutes-over-59", `Minutes after the hours go up to 59: write ${sign}${Math.floor(total / 60)}h${String(total % 60).padStart(2, "0")} for ${sign}${spoken(total)}.`);
    }
    minutes = h * 60 + min;
  } else if ((m = HOURS_ALONE.exec(s))) {
    decimal = m[1];
    minutes = decimalHoursToMinutes(m[1]);
  } else if ((m = MINUTES_ALONE.exec(s))) {
    minutes = Number(m[1]);
  } else if ((m = BARE.exec(s))) {
    const value = Number(m[1]);
    decimal = m[1];
    if (value > MAX_BARE_HOURS) {
      const n = m[1];
      if (!Number.isInteger(value)) return fail("bare-over-12", `Did you mean ${sign}${n}h? A bare number above ${MAX_BARE_HOURS} needs its unit: write ${sign}${n}h for hours.`);
      if (value > MAX_MINUTES) return fail("over-a-day", "An entry is at most 24 hours.");
      // Up to 24 both readings are a possible entry, so both are offered; above it only minutes are.
      return fail("bare-over-12", `Did you mean ${sign}${n}m? A bare number is hours; write ${sign}${n}m for minutes${value <= 24 ? ` or ${sign}${n}h for hours` : ""}.`);
    }
    minutes = decimalHoursToMinutes(m[1]);
  } else {
    return fail("unreadable", GENERIC);
  }
  if (minutes === null) return fail("not-whole-minutes", `${decimal} hours is not a whole number of minutes: write the minutes, like ${sign}1h30 or ${sign}45m.`);
  if (minutes <= 0) return fail("zero", "Enter more than zero minutes.");
  if (minutes > MAX_MINUTES) return fail("over-a-day", "An entry is at most 24 hours.");
  return { ok: true, minutes };
}

/** Whole minutes, or null when the text is not a duration (see readDuration for why). */
export function parseDuration(input: string): number | null {
  const r = readDuration(input);
  return r.ok ? r.minutes : null;
}

/** "1h 30m"-style, for messages (lib/format is not importable from the domain). */
function spoken(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m}m` : m === 0 ? `${h}h` : `${h}h ${m}m`;
}

/** "1.5" → 90; "0.25" → 15; decimal hours that are not whole minutes (e.g. "0.01") → null. */
export function decimalHoursToMinutes(text: string): number | null {
  const [whole, frac = ""] = text.split(".");
  const hundredths = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  // minutes = hundredths * 60 / 100 = hundredths * 3 / 5, whole only when hundredths is a multiple of 5.
  return (hundredths * 3) % 5 === 0 ? (hundredths * 3) / 5 : null;
}
