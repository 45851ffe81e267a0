// Durations typed by a person: "1:30", "1h30", "1h 30m", "1.5", "1,5", "90m", "2h", "45". Returns whole
// minutes, or null when the text is not a duration. A bare number of up to 12 is hours ("1.5" = 90
// minutes); a bare whole number above 12 is minutes ("45" = 45), which is how people type both.

const MAX_MINUTES = 24 * 60;

export function parseDuration(input: string): number | null {
  const s = input.trim().toLowerCase().replace(/\s+/g, "").replace(",", ".");
  if (!s) return null;
  let minutes: number | null = null;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,2}):([0-5]\d)$/.exec(s))) {
    minutes = Number(m[1]) * 60 + Number(m[2]);
  } else if ((m = /^(\d{1,2}(?:\.\d{1,2})?)h(?:([0-5]?\d)m?)?$/.exec(s))) {
    minutes = decimalHoursToMinutes(m[1]);
    if (minutes !== null && m[2] !== undefined) minutes += Number(m[2]);
  } else if ((m = /^(\d{1,4})m(?:in(?:s|utes?)?)?$/.exec(s))) {
    minutes = Number(m[1]);
  } else if ((m = /^(\d{1,2}(?:\.\d{1,2})?)$/.exec(s))) {
    const value = Number(m[1]);
    minutes = value <= 12 ? decimalHoursToMinutes(m[1]) : Number.isInteger(value) ? value : null;
  } else if ((m = /^(\d{3,4})$/.exec(s))) {
    minutes = Number(m[1]);
  }
  if (minutes === null || !Number.isInteger(minutes) || minutes <= 0 || minutes > MAX_MINUTES) return null;
  return minutes;
}

/** "1.5" → 90; "0.25" → 15; decimal hours that are not whole minutes (e.g. "0.01") → null. */
export function decimalHoursToMinutes(text: string): number | null {
  const [whole, frac = ""] = text.split(".");
  const hundredths = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  // minutes = hundredths * 60 / 100 = hundredths * 3 / 5, whole only when hundredths is a multiple of 5.
  return (hundredths * 3) % 5 === 0 ? (hundredths * 3) / 5 : null;
}
