// The values of other products' time exports, read the way their files write them: locale numbers ("2,5",
// "1.234,5", "1,234.5"), ISO, US and dotted European dates, 12- and 24-hour clock times and "HH:MM:SS"
// durations. Pure functions: each returns null for what it cannot read, and the reader says which row and column.
import type { Category } from "@/lib/types/hours";

/** "2.5", "2,5", "1.234,5", "1,234.5", "1 234,5" → the number; anything else → null. */
export function localeNumber(text: string): number | null {
  const t = text.trim().replace(/[\s\u00a0\u202f']/g, "");
  if (!/^-?[\d.,]+$/.test(t) || !/\d/.test(t)) return null;
  const lastComma = t.lastIndexOf(",");
  const lastDot = t.lastIndexOf(".");
  let normal: string;
  if (lastComma >= 0 && lastDot >= 0) {
    // Both: the later one is the decimal mark, the other groups thousands.
    normal = lastComma > lastDot ? t.replace(/\./g, "").replace(",", ".") : t.replace(/,/g, "");
  } else if (lastComma >= 0) {
    // One comma is a decimal comma ("2,5"); several group thousands ("1,234,567").
    normal = (t.match(/,/g) ?? []).length === 1 ? t.replace(",", ".") : t.replace(/,/g, "");
  } else {
    normal = (t.match(/\./g) ?? []).length > 1 ? t.replace(/\./g, "") : t;
  }
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(normal)) return null;
  const n = Number(normal);
  return Number.isFinite(n) ? n : null;
}

const pad = (n: number) => String(n).padStart(2, "0");

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1970 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d > days ? null : `${y}-${pad(m)}-${pad(d)}`;
}

/** "2026-09-01", "2026/09/01", "09/01/2026" (US: month first), "01.09.2026" (day first) → "2026-09-01". */
export function calendarDate(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t);
  if (m) return validDate(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return validDate(+m[3], +m[1], +m[2]);
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (m) return validDate(+m[3], +m[2], +m[1]);
  return null;
}

/** "09:00", "16:30:15", "9:00 AM", "04:00:30 pm" → seconds since midnight; anything else → null. */
export function clockTime(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?$/.exec(text.trim());
  if (!m) return null;
  let h = +m[1];
  const min = +m[2];
  const s = m[3] ? +m[3] : 0;
  if (min > 59 || s > 59) return null;
  if (m[4]) {
    if (h < 1 || h > 12) return null;
    const pm = /^p/i.test(m[4]);
    h = (h % 12) + (pm ? 12 : 0);
  } else if (h > 23) return null;
  return h * 3600 + min * 60 + s;
}

/** "02:30:00", "2:30", "123:05:00" → seconds; anything else → null. */
export function clockDuration(text: string): number | null {
  const m = /^(\d{1,4}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m || +m[2] > 59 || (m[3] && +m[3] > 59)) return null;
  return +m[1] * 3600 + +m[2] * 60 + (m[3] ? +m[3] : 0);
}

/** Decimal hours to the nearest whole minute (Harvest prints 20 minutes as 0.33). */
export const hoursToMinutes = (hours: number) => Math.round(hours * 60);

/** "Yes"/"No", "true"/"false", "1"/"0", "billable"/"non-billable" → boolean; anything else → null. */
export function yesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (["yes", "y", "true", "1", "billable", "ja", "oui", "sí", "si"].includes(t)) return true;
  if (["no", "n", "false", "0", "non-billable", "not billable", "nein", "non"].includes(t)) return false;
  return null;
}

// The words other products' tasks and tags use for our categories; the first that matches wins, else "build".
const CATEGORY_WORDS: [Category, RegExp][] = [
  ["meeting", /\b(meeting|meetings|call|calls|check-?in|standup|sync)\b/i],
  ["maintenance", /\b(maintenance|maintain|fix|fixes|bug|bugs|upkeep|ops)\b/i],
  ["audit", /\b(audit|review|discovery|assessment|analysis)\b/i],
  ["training", /\b(training|trained|workshop|onboarding|handover|knowledge)\b/i],
  ["support", /\b(support|help ?desk|questions?|tickets?)\b/i],
  ["build", /\b(build|development|dev|automation|implementation|feature)\b/i],
];

/** Our category for a source row's task or tags ("Meetings" → meeting); "build" when nothing says otherwise. */
export function categoryOf(...hints: string[]): Category {
  for (const hint of hints) {
    const exact = hint.trim().toLowerCase();
    const named = CATEGORY_WORDS.find(([c]) => c === exact);
    if (named) return named[0];
  }
  for (const hint of hints) {
    const hit = CATEGORY_WORDS.find(([, words]) => words.test(hint));
    if (hit) return hit[0];
  }
  return "build";
}
