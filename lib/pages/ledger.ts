// The ledger page's data for one month and filter, loaded and cached like the dashboard's (lib/pages/cache).
// Rendered by components/hours/ledger.
import { asUser, type Tx } from "@/lib/db";
import { entryMonths, listEntries } from "@/lib/db/entries";
import { roadmapItemOptions } from "@/lib/db/roadmap";
import { localDate, monthOf, type Month } from "@/lib/domain/dates";
import type { ClientPage } from "@/lib/pages/access";
import { cachedPageData } from "@/lib/pages/cache";
import type { ClientRef } from "@/lib/types/clients";
import type { LedgerData, LedgerFilter } from "@/lib/types/pages";

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
  const billable = f.billable === undefined ? undefined : f.billable === "yes";
  const [entries, months, items] = await Promise.all([
    listEntries(tx, { clientId: client.id, month, category: f.category, roadmapItemId: f.item, billable }),
    entryMonths(tx, { clientId: client.id, current }),
    roadmapItemOptions(tx, { clientId: client.id }),
  ]);
  return { filter: f, today, current, month, entries, months, items };
}
