// The ledger page's data for one month, filter and page, loaded and cached like the dashboard's (lib/pages/cache).
// Rendered by components/hours/ledger; the CSV export (lib/export/ledger.ts) reads the same filter, every page,
// oldest first.
import { asUser, type Tx } from "@/lib/db";
import { countNewerEntries, entryMonths, entryTotals, listEntryPage } from "@/lib/db/entries";
import { ledgerEntryFilter } from "@/lib/hours/ledger-filter";
import { listQuestions } from "@/lib/db/reviews";
import { roadmapItemOptions } from "@/lib/db/roadmap";
import { localDate, monthOf, type Month } from "@/lib/domain/dates";
import { entryFilterSchema, ledgerCursorSchema } from "@/lib/hours/schemas";
import type { ClientPage } from "@/lib/pages/access";
import { cachedPageData } from "@/lib/pages/cache";
import type { ClientRef } from "@/lib/types/clients";
import type { LedgerCursor, LedgerData, LedgerFilter } from "@/lib/types/pages";

/**
 * Entries per ledger page. Every row is sent twice, as HTML and in the page's payload (~2.2 kB for a staff row with a
 * 100-character description): 100 rows keep the largest view under 300 kB (bench/ledger-month.ts measures it).
 */
export const LEDGER_PAGE = 100;

type SearchParams = Record<string, string | string[] | undefined>;
const firstValues = (searchParams: SearchParams) =>
  Object.fromEntries(Object.entries(searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));

/** The page's search params as a ledger filter (the first value of a repeated one). */
export function ledgerFilter(searchParams: SearchParams): LedgerFilter {
  return entryFilterSchema.parse(firstValues(searchParams));
}

/** The page's search params as the page's cursor (`after` wins over `before`; neither is the newest page). */
export function ledgerCursor(searchParams: SearchParams): LedgerCursor {
  return ledgerCursorSchema.parse(firstValues(searchParams));
}

/** The ledger's data for this viewer, filter and page, cached the same way. */
export function viewLedger({ claims, client, dataVersion }: Pick<ClientPage, "claims" | "client" | "dataVersion">, f: LedgerFilter, now: Date, at: LedgerCursor = {}): Promise<LedgerData> {
  const key = ["ledger", claims.sub, client.id, dataVersion, localDate(now, client.timezone), f.month ?? "", f.category ?? "", f.item ?? "", f.billable ?? "", at.after ?? "", at.before ?? ""];
  return cachedPageData(key, () => asUser(claims, (tx) => ledgerData(tx, client, f, now, at)));
}

/**
 * One page of a month of the ledger, filtered: the entries (newest first), the whole filter's totals, where the
 * page sits, the months that have entries, the roadmap items to filter by and the month's questions.
 */
export async function ledgerData(tx: Tx, client: ClientRef, f: LedgerFilter, now: Date, at: LedgerCursor = {}): Promise<LedgerData> {
  const today = localDate(now, client.timezone);
  const current = monthOf(today);
  const month: Month = f.month ?? current;
  const filter = ledgerEntryFilter(client.id, month, f);
  const [{ entries, more }, totals, months, items, questions] = await Promise.all([
    listEntryPage(tx, { ...filter, ...at, limit: LEDGER_PAGE }),
    entryTotals(tx, filter),
    entryMonths(tx, { clientId: client.id, current }),
    roadmapItemOptions(tx, { clientId: client.id }),
    listQuestions(tx, { clientId: client.id, month }),
  ]);
  const first = entries[0];
  const last = entries.at(-1);
  // Read the other way, the page is at the start when nothing newer is left; read older, there is always a newer one.
  const newer = !first ? null : at.after || (at.before && more) ? first.id : null;
  const older = !last ? null : at.before || more ? last.id : null;
  const offset = first && (at.after || at.before) ? await countNewerEntries(tx, { ...filter, id: first.id }) : 0;
  return {
    filter: f, today, current, month, entries, totals, months, items, questions,
    page: { offset, older, newer, lost: entries.length === 0 && Boolean(at.after || at.before) },
  };
}
