// Calendar days and months as ISO strings ('YYYY-MM-DD'), computed in a client's IANA zone.
// A "local date" never passes through the runtime's own zone: we read the wall-clock fields of an
// instant in the given zone with Intl, and do day arithmetic on UTC midnights of those fields.

import type { LocalDate, Month } from "@/lib/types/dates";

export type { LocalDate, Month } from "@/lib/types/dates";

const DAY_MS = 86_400_000;
const partsCache = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = partsCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
    partsCache.set(zone, f);
  }
  return f;
}

export function isValidZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The calendar day `now` falls on in `zone`. */
export function localDate(now: Date, zone: string): LocalDate {
  const p = Object.fromEntries(formatter(zone).formatToParts(now).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

const hourFormatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock hour (0–23) of `now` in `zone` (a DST change moves it, as it moves the clocks there). */
export function localHour(now: Date, zone: string): number {
  let f = hourFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", hourCycle: "h23" });
    hourFormatters.set(zone, f);
  }
  return Number(f.formatToParts(now).find((p) => p.type === "hour")!.value);
}

const toUtc = (d: LocalDate) => Date.parse(`${d}T00:00:00Z`);
const fromUtc = (ms: number): LocalDate => new Date(ms).toISOString().slice(0, 10);

export const addDays = (d: LocalDate, n: number): LocalDate => fromUtc(toUtc(d) + n * DAY_MS);
export const daysBetween = (a: LocalDate, b: LocalDate): number => Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
export const monthOf = (d: LocalDate): Month => `${d.slice(0, 7)}-01`;

export function addMonths(m: Month, n: number): Month {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(mo / 12);
  const mm = ((mo % 12) + 12) % 12;
  return `${String(yy).padStart(4, "0")}-${String(mm + 1).padStart(2, "0")}-01`;
}

export const daysInMonth = (m: Month): number => daysBetween(m, addMonths(m, 1));

/**
 * An instant that falls on local day `d` in `zone` (about midday there): UTC noon of that date, moved half a
 * day back or forward when the zone's offset (−12 h … +14 h) puts UTC noon on the day before or after.
 */
export function instantOnDay(d: LocalDate, zone: string): Date {
  const noon = toUtc(d) + DAY_MS / 2;
  const day = localDate(new Date(noon), zone);
  if (day === d) return new Date(noon);
  return new Date(day > d ? noon - DAY_MS / 2 : noon + DAY_MS / 2);
}

/** 0 = Monday … 6 = Sunday. */
export const weekday = (d: LocalDate): number => (new Date(toUtc(d)).getUTCDay() + 6) % 7;
export const weekStart = (d: LocalDate): LocalDate => addDays(d, -weekday(d));
/** The week's first day on or before `d` when weeks start on `first` (0 = Monday … 6 = Sunday). */
export const weekStartOn = (d: LocalDate, first: number): LocalDate => addDays(d, -((weekday(d) - first + 7) % 7));

export const isLocalDate = (s: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(toUtc(s)) && fromUtc(toUtc(s)) === s;

/** The first instant of local day `d` in `zone` (midnight, or the first minute after a DST gap). */
export function startOfDay(d: LocalDate, zone: string): Date {
  // Between an instant on the day before and one on the day: the last that is still the day before, to the ms.
  let lo = instantOnDay(addDays(d, -1), zone).getTime();
  let hi = instantOnDay(d, zone).getTime();
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDate(new Date(mid), zone) === d) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}
