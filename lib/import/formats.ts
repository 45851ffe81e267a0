// The time exports the importer reads, each known by its header: the columns it must have, and how one of its
// rows becomes an entry of ours or a refusal naming the column. Headers are the products' own
// (tests/fixtures/imports/README.md). A format that later features add (the full ZIP export) joins this list.
import type { Category } from "@/lib/types/hours";
import { calendarDate, categoryOf, clockDuration, clockTime, hoursToMinutes, localeNumber, yesNo } from "@/lib/import/values";

export type ImportFormat = "harvest" | "toggl" | "clockify" | "clockify-17" | "portal";

/** One source row, read: where it came from (account, person) and what it says (date, minutes, words). */
export interface SourceEntry {
  /** The row's number as a spreadsheet shows it: the header is row 1. */
  row: number;
  /** The source's client, or its project where the row names no client; "" where the file is one client's. */
  account: string;
  project: string;
  /** The person who did the work, as the source names them, and their email where it has one. */
  person: string;
  email: string | null;
  workDate: string;
  /** Start of the work, seconds after the work date's midnight, where the source records it. */
  startSecond: number | null;
  minutes: number;
  billable: boolean;
  category: Category;
  description: string;
  /** What identifies the row in its source (its id, or its own fields); the reader adds the occurrence. */
  identity: string;
}

export interface Refusal { column: string | null; reason: string }
export type Read = { entry: Omit<SourceEntry, "row"> } | { refusal: Refusal } | { ignore: string };

type Get = (column: string) => string;

interface Format {
  id: ImportFormat;
  label: string;
  /** Columns that must all be present to recognise the file. */
  columns: readonly string[];
  /** Columns whose presence tells this layout from a sibling's (Clockify's two layouts). */
  absent?: readonly string[];
  read(get: Get): Read;
}

const refuse = (column: string | null, reason: string): Read => ({ refusal: { column, reason } });

function dateIn(get: Get, column: string): string | Refusal {
  const text = get(column);
  if (!text.trim()) return { column, reason: "The date is empty." };
  return calendarDate(text) ?? { column, reason: `"${text}" is not a date (use 2026-09-01 or 09/01/2026).` };
}

function billableIn(get: Get, column: string): boolean | Refusal {
  const text = get(column);
  if (!text.trim()) return false;
  const b = yesNo(text);
  return b ?? { column, reason: `"${text}" is not Yes or No.` };
}

/** Minutes from an "HH:MM:SS" duration column, else from a decimal-hours column. */
function minutesIn(get: Get, clock: string | null, decimal: string | null): number | Refusal {
  if (clock && get(clock).trim()) {
    const s = clockDuration(get(clock));
    if (s === null) return { column: clock, reason: `"${get(clock)}" is not a duration (use HH:MM:SS).` };
    return Math.round(s / 60);
  }
  if (decimal && get(decimal).trim()) {
    const h = localeNumber(get(decimal));
    if (h === null) return { column: decimal, reason: `"${get(decimal)}" is not a number of hours.` };
    return hoursToMinutes(h);
  }
  return { column: clock ?? decimal, reason: "The duration is empty." };
}

function checkedMinutes(minutes: number, column: string | null): Refusal | null {
  if (minutes < 0) return { column, reason: "The duration is negative." };
  if (minutes === 0) return { column, reason: "The duration is under half a minute." };
  if (minutes > 1440) return { column, reason: "The duration is over 24 hours; split it by day in the source." };
  return null;
}

const isRefusal = (v: unknown): v is Refusal => typeof v === "object" && v !== null && "reason" in v;

/** What Toggl and Clockify share: a start date and time, a duration, a user with an email, tags. */
function timed(get: Get, c: {
  account: string; project: string; user: string; email: string; description: string; task: string; tags: string;
  billable: string; date: string; time: string; clock: string | null; decimal: string | null;
}): Read {
  const workDate = dateIn(get, c.date);
  if (isRefusal(workDate)) return { refusal: workDate };
  const startText = get(c.time);
  const startSecond = startText.trim() ? clockTime(startText) : null;
  if (startText.trim() && startSecond === null) return refuse(c.time, `"${startText}" is not a time of day (use 09:00, 16:30:00 or 4:30 PM).`);
  const minutes = minutesIn(get, c.clock, c.decimal);
  if (isRefusal(minutes)) return { refusal: minutes };
  const bad = checkedMinutes(minutes, c.clock ?? c.decimal);
  if (bad) return { refusal: bad };
  const billable = billableIn(get, c.billable);
  if (isRefusal(billable)) return { refusal: billable };
  const description = get(c.description).trim() || get(c.task).trim();
  if (!description) return refuse(c.description, "The description is empty.");
  const account = get(c.account).trim() || get(c.project).trim();
  if (!account) return refuse(c.account, "Neither a client nor a project is named.");
  const person = get(c.user).trim();
  if (!person) return refuse(c.user, "The person is empty.");
  return {
    entry: {
      account, project: get(c.project).trim(), person, email: get(c.email).trim().toLowerCase() || null,
      workDate, startSecond, minutes, billable, category: categoryOf(get(c.task), get(c.tags)), description: description.slice(0, 2000),
      identity: [workDate, startText.trim(), account, get(c.project), person, description, minutes].join("\u001f"),
    },
  };
}

const CLOCKIFY_COLUMNS = ["Project", "Client", "Description", "Task", "User", "Email", "Tags", "Billable", "Start Date", "Start Time", "End Date", "End Time", "Duration (h)", "Duration (decimal)"] as const;

function clockify(get: Get): Read {
  const type = get("Type").trim().toUpperCase();
  if (type === "BREAK") return { ignore: "a break, not work" };
  return timed(get, {
    account: "Client", project: "Project", user: "User", email: "Email", description: "Description", task: "Task", tags: "Tags",
    billable: "Billable", date: "Start Date", time: "Start Time", clock: "Duration (h)", decimal: "Duration (decimal)",
  });
}

export const FORMATS: readonly Format[] = [
  {
    id: "harvest", label: "Harvest detailed time",
    columns: ["Date", "Client", "Project", "Task", "Notes", "Hours", "Billable?", "First Name", "Last Name"],
    read(get) {
      const workDate = dateIn(get, "Date");
      if (isRefusal(workDate)) return { refusal: workDate };
      const minutes = minutesIn(get, null, "Hours");
      if (isRefusal(minutes)) return { refusal: minutes };
      const bad = checkedMinutes(minutes, "Hours");
      if (bad) return { refusal: bad };
      const billable = billableIn(get, "Billable?");
      if (isRefusal(billable)) return { refusal: billable };
      const description = get("Notes").trim() || get("Task").trim();
      if (!description) return refuse("Notes", "Neither notes nor a task are given.");
      const account = get("Client").trim() || get("Project").trim();
      if (!account) return refuse("Client", "Neither a client nor a project is named.");
      const person = `${get("First Name").trim()} ${get("Last Name").trim()}`.trim();
      if (!person) return refuse("First Name", "The person is empty.");
      return {
        entry: {
          account, project: get("Project").trim(), person, email: null, workDate, startSecond: null, minutes, billable,
          category: categoryOf(get("Task")), description: description.slice(0, 2000),
          identity: [workDate, account, get("Project"), get("Task"), person, description, minutes].join("\u001f"),
        },
      };
    },
  },
  {
    id: "toggl", label: "Toggl Track detailed report",
    columns: ["User", "Email", "Client", "Project", "Task", "Description", "Billable", "Start date", "Start time", "End date", "End time", "Duration", "Tags"],
    read: (get) => timed(get, {
      account: "Client", project: "Project", user: "User", email: "Email", description: "Description", task: "Task", tags: "Tags",
      billable: "Billable", date: "Start date", time: "Start time", clock: "Duration", decimal: null,
    }),
  },
  { id: "clockify", label: "Clockify detailed report", columns: [...CLOCKIFY_COLUMNS, "Type"], read: clockify },
  { id: "clockify-17", label: "Clockify detailed report (older layout)", columns: CLOCKIFY_COLUMNS, absent: ["Type"], read: clockify },
  {
    // Our own hours export (the ledger CSV): one client's entries, so the whole file maps to one client.
    id: "portal", label: "Retainer Portal hours export",
    columns: ["date", "description", "category", "billable", "minutes", "engineer", "status", "entry_id"],
    read(get) {
      const status = get("status").trim();
      if (status === "voided") return { ignore: "voided here before it was exported" };
      if (status === "correction") return refuse("status", "A correction of an earlier entry: import the full export to carry corrections.");
      const workDate = dateIn(get, "date");
      if (isRefusal(workDate)) return { refusal: workDate };
      const minutes = localeNumber(get("minutes"));
      if (minutes === null || !Number.isInteger(minutes)) return refuse("minutes", `"${get("minutes")}" is not a whole number of minutes.`);
      const bad = checkedMinutes(minutes, "minutes");
      if (bad) return { refusal: bad };
      const billable = billableIn(get, "billable");
      if (isRefusal(billable)) return { refusal: billable };
      const description = get("description").replace(/^'(?=[=+\-@\t\r])/, "").trim();
      if (!description) return refuse("description", "The description is empty.");
      const person = get("engineer").trim();
      if (!person) return refuse("engineer", "The engineer is empty.");
      const id = get("entry_id").trim();
      if (!/^[0-9a-f-]{36}$/i.test(id)) return refuse("entry_id", "The entry id is missing or malformed.");
      return {
        entry: {
          account: "", project: "", person, email: null, workDate, startSecond: null, minutes, billable,
          category: categoryOf(get("category")), description: description.slice(0, 2000), identity: `entry:${id.toLowerCase()}`,
        },
      };
    },
  },
];

/** The format whose columns a header holds (most specific first), or null. */
export function formatOf(header: readonly string[]): Format | null {
  const have = new Set(header.map((h) => h.trim()));
  return FORMATS.find((f) => f.columns.every((c) => have.has(c)) && !(f.absent ?? []).some((c) => have.has(c))) ?? null;
}

export const KNOWN_FORMATS = FORMATS.filter((f) => f.id !== "clockify-17").map((f) => f.label).join(", ");
