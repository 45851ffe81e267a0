// The facts saved with a weekly update (a JSON column, lib/domain/weekly's WeeklyFacts when the draft was
// written) narrowed to what the update pages show: the week's totals and the entries its highlights cite.
// Read once, by the views, instead of casting the column at every use.
import type { LocalDate } from "@/lib/domain/dates";

export interface FactEntry {
  id: string;
  date: LocalDate;
  minutes: number;
  description: string;
}

export interface ShownFacts {
  /** Minutes logged in the week (0 when the facts do not say). */
  totalMinutes: number;
  billableMinutes: number;
  /** The week's entries; an entry missing a field the pages show is left out. */
  entries: FactEntry[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const minutesOr0 = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

function isFactEntry(v: unknown): v is FactEntry {
  return isRecord(v) && typeof v.id === "string" && typeof v.date === "string" && typeof v.minutes === "number" && typeof v.description === "string";
}

/** The saved facts as the update pages read them, whatever the column holds. */
export function shownFacts(facts: unknown): ShownFacts {
  const f = isRecord(facts) ? facts : {};
  const entries = Array.isArray(f.entries) ? f.entries.filter(isFactEntry).map(({ id, date, minutes, description }) => ({ id, date, minutes, description })) : [];
  return { totalMinutes: minutesOr0(f.totalMinutes), billableMinutes: minutesOr0(f.billableMinutes), entries };
}

/** The cited entries by id, for the list under each highlight. */
export function factEntriesById(facts: ShownFacts): Map<string, FactEntry> {
  return new Map(facts.entries.map((e) => [e.id, e]));
}

/** The month whose usage the update's facts report (the week's month), if they name one. */
export function factsMonth(facts: unknown): string | null {
  const month = isRecord(facts) && isRecord(facts.month) ? facts.month.month : null;
  return typeof month === "string" && /^\d{4}-\d{2}-01$/.test(month) ? month : null;
}
