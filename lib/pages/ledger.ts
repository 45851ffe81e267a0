// The ledger page's data for one month and filter, loaded and cached like the dashboard's (lib/pages/cache).
// Rendered by components/hours/ledger; the CSV export (lib/export/ledger.ts) reads the same query, oldest first.
import { asUser, type Tx } from "@/lib/db";
import { entryMonths, listEntries } from "@/lib/db/entries";
import { listQuestions } from "@/lib/db/reviews";
import { roadmapItemOptions } from "@/lib/db/roadmap";
import { localDate, monthOf, type Month } from "@/lib/domain/dates";
import { ledgerTotals } from "@/lib/domain/ledger";
import { entryFilterSchema } from "@/lib/hours/schemas";
import type { ClientPage } from "@/lib/pages/access";
import { cachedPageData } from "@/lib/pages/cache";
import type { ClientRef } from "@/lib/types/clients";
import type { EntryRow } from "@/lib/types/hours";
import type { LedgerData, LedgerFilter } from "@/lib/types/pages";

/** The page's search params as a ledger filter (the first value of a repeated one). */
export function ledgerFilter(searchParams: Record<string, string | string[] | undefined>): LedgerFilter {
  return entryFilterSchema.parse(Object.fromEntries(Object.entries(searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
}

/** The ledger's data for this viewer and filter, cached the same way. */
export function viewLedger({ claims, client, dataVersion }: ClientPage, f: LedgerFilter, now: Date): Promise<LedgerData> {
  const key = ["ledger", claims.sub, client.id, dataVersion, localDate(now, client.timezone), f.month ?? "", f.category ?? "", f.item ?? "", f.billable ?? ""];
  return cachedPageData(key, () => asUser(claims, (tx) => ledgerData(tx, client, f, now)));
}

/** One month of the ledger, filtered, with the months that have entries and the roadmap items to filter by. */
export async function ledgerData(tx: Tx, client: ClientRef, f: LedgerFilter, now: Date): Promise<LedgerData> {
  const today = localDate(now, client.timezone);
  const current = monthOf(today);
  const month: Month = f.month ?? current;
  const [entries, months, items, questions] = await Promise.all([
    ledgerEntries(tx, client.id, month, f),
    entryMonths(tx, { clientId: client.id, current }),
    roadmapItemOptions(tx, { clientId: client.id }),
    listQuestions(tx, { clientId: client.id, month }),
  ]);
  return { filter: f, today, current, month, entries, totals: ledgerTotals(entries), months, items, questions };
}

/** The entries of one month that the filter keeps, newest first: what the ledger lists and the export writes. */
function ledgerEntries(tx: Tx, clientId: string, month: Month, f: LedgerFilter): Promise<EntryRow[]> {
  const billable = f.billable === undefined ? undefined : f.billable === "yes";
  return listEntries(tx, { clientId, month, category: f.category, roadmapItemId: f.item, billable });
}

