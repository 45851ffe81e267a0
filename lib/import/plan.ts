// What an import would do, row by row, once the file's accounts and people are mapped: each entry is written,
// left out (its account is mapped to nothing), refused (its month is closed here), or waits for a mapping. The
// same plan makes the preview (counts and minutes per client per month, refusals with row, column and reason)
// and the import (lib/import/commands.ts), so what the preview says is what the import does. Pure: the facts
// (mappings, closed months, first terms months) are handed in.
import { formatMonth } from "@/lib/format";
import type { ImportedEntry, ReadEvent } from "@/lib/import/read";
import type { ImportedEntryRow } from "@/lib/db/imports";

export interface ImportFacts {
  /** Source account → our client id; null: left out; absent: not mapped yet. */
  accounts: Map<string, string | null>;
  /** Source person → our staff member's id; absent: not mapped yet. */
  persons: Map<string, string>;
  clients: Map<string, { name: string; closedMonths: Set<string>; firstTermsMonth: string | null }>;
}

export type Decision =
  | { kind: "write"; row: ImportedEntryRow; history: boolean }
  | { kind: "left-out" }
  | { kind: "unmapped" }
  | { kind: "refused"; column: string | null; reason: string };

export const personOf = (e: { person: string; email: string | null }) => e.email ?? e.person;

const monthOf = (date: string) => `${date.slice(0, 7)}-01`;

export function decide(entry: ImportedEntry, facts: ImportFacts): Decision {
  const clientId = facts.accounts.get(entry.account);
  const engineerId = facts.persons.get(personOf(entry));
  if (clientId === null) return { kind: "left-out" };
  if (clientId === undefined || engineerId === undefined) return { kind: "unmapped" };
  const client = facts.clients.get(clientId);
  if (!client) return { kind: "unmapped" };
  const month = monthOf(entry.workDate);
  if (client.closedMonths.has(month)) {
    return { kind: "refused", column: null, reason: `${formatMonth(month)} is closed for ${client.name}: an import never changes a billed total.` };
  }
  return {
    kind: "write",
    history: client.firstTermsMonth === null || month < client.firstTermsMonth,
    row: {
      clientId, engineerId, workDate: entry.workDate, minutes: entry.minutes, description: entry.description,
      category: entry.category, billable: entry.billable, importKey: entry.key,
    },
  };
}

export interface MonthTotal {
  clientId: string;
  month: string;
  entries: number;
  billableMinutes: number;
  otherMinutes: number;
  /** Before the client's first terms month: kept as history, never billed. */
  history: boolean;
}

/** A source account or person: the key mappings use (a person's email where the file has one), and its totals. */
export interface SourceTotal { key: string; name: string; email: string | null; entries: number; minutes: number }

export interface ImportPlan {
  rowsRead: number;
  accounts: SourceTotal[];
  persons: SourceTotal[];
  months: MonthTotal[];
  /** The first refusals, in row order (at most REFUSALS_SHOWN), and how many there are. */
  refusals: { row: number; column: string | null; reason: string }[];
  refusedCount: number;
  ignoredCount: number;
  leftOutCount: number;
  unmappedCount: number;
  toWrite: number;
  /** Keys of the entries to write, to ask which were imported before. */
  keys: string[];
}

export const REFUSALS_SHOWN = 200;

/** Accumulates the plan of a file's events; `keys` is kept only where asked (the preview's "imported before"). */
export class Planner {
  private plan: ImportPlan = {
    rowsRead: 0, accounts: [], persons: [], months: [], refusals: [], refusedCount: 0, ignoredCount: 0, leftOutCount: 0, unmappedCount: 0, toWrite: 0, keys: [],
  };
  private accounts = new Map<string, SourceTotal>();
  private persons = new Map<string, SourceTotal>();
  private months = new Map<string, MonthTotal>();

  constructor(private facts: ImportFacts, private keepKeys = false) {}

  /** Adds one event; returns the decision for an entry (null for other events). */
  add(event: ReadEvent): Decision | null {
    this.plan.rowsRead++;
    if (event.type === "ignored") {
      this.plan.ignoredCount++;
      return null;
    }
    if (event.type === "refusal") {
      this.refuse(event);
      return null;
    }
    const e = event.entry;
    tally(this.accounts, { key: e.account, name: e.account, email: null }, e.minutes);
    tally(this.persons, { key: personOf(e), name: e.person, email: e.email }, e.minutes);
    const d = decide(e, this.facts);
    if (d.kind === "left-out") this.plan.leftOutCount++;
    else if (d.kind === "unmapped") this.plan.unmappedCount++;
    else if (d.kind === "refused") this.refuse({ row: e.row, column: d.column, reason: d.reason });
    else {
      this.plan.toWrite++;
      if (this.keepKeys) this.plan.keys.push(e.key);
      const id = `${d.row.clientId} ${monthOf(e.workDate)}`;
      const m = this.months.get(id) ?? { clientId: d.row.clientId, month: monthOf(e.workDate), entries: 0, billableMinutes: 0, otherMinutes: 0, history: d.history };
      m.entries++;
      if (e.billable) m.billableMinutes += e.minutes;
      else m.otherMinutes += e.minutes;
      this.months.set(id, m);
    }
    return d;
  }

  private refuse(r: { row: number; column: string | null; reason: string }) {
    this.plan.refusedCount++;
    if (this.plan.refusals.length < REFUSALS_SHOWN) this.plan.refusals.push({ row: r.row, column: r.column, reason: r.reason });
  }

  result(): ImportPlan {
    const byName = (a: SourceTotal, b: SourceTotal) => a.name.localeCompare(b.name);
    return {
      ...this.plan,
      accounts: [...this.accounts.values()].sort(byName),
      persons: [...this.persons.values()].sort(byName),
      months: [...this.months.values()].sort((a, b) => a.clientId.localeCompare(b.clientId) || a.month.localeCompare(b.month)),
    };
  }
}

function tally(map: Map<string, SourceTotal>, who: { key: string; name: string; email: string | null }, minutes: number) {
  const t = map.get(who.key) ?? { ...who, entries: 0, minutes: 0 };
  t.entries++;
  t.minutes += minutes;
  map.set(who.key, t);
}
