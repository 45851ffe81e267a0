// What the owner dashboard and the ledger page show, loaded in one transaction each and cached per person,
// client, data version and day (lib/page-cache). The pages render it with components/clients/overview and
// components/hours/ledger; the benchmark's fixture twins render the same components from a saved copy.
import type { ClientAccess } from "@/lib/auth/viewer";
import { asUser, type Tx } from "@/lib/db";
import { entryMonths, latestEntries, listEntries, minutesBy, roadmapItemOptions } from "@/lib/db/ledger";
import { latestPublishedUpdate } from "@/lib/db/updates";
import { localDate, monthOf, type Month } from "@/lib/domain/dates";
import { clientMonth, type ClientRef } from "@/lib/ledger";
import { cachedPageData } from "@/lib/page-cache";
import type { LedgerFilter } from "@/lib/schemas";

/** The dashboard's data for this viewer, from the cache while the client's data version and day hold. */
export function viewOverview({ claims, client, dataVersion }: ClientAccess, now: Date): Promise<OverviewData> {
  const key = ["overview", claims.sub, client.id, dataVersion, localDate(now, client.timezone)];
  return cachedPageData(key, () => asUser(claims, (tx) => overviewData(tx, client, now)));
}

/** The ledger's data for this viewer and filter, cached the same way. */
export function viewLedger({ claims, client, dataVersion }: ClientAccess, f: LedgerFilter, now: Date): Promise<LedgerData> {
  const key = ["ledger", claims.sub, client.id, dataVersion, localDate(now, client.timezone), f.month ?? "", f.category ?? "", f.item ?? "", f.billable ?? ""];
  return cachedPageData(key, () => asUser(claims, (tx) => ledgerData(tx, client, f, now)));
}

export type OverviewData = Awaited<ReturnType<typeof overviewData>>;

/** The client's current month: statement, forecast, burn-up, where the hours went, latest entries and update. */
export async function overviewData(tx: Tx, client: ClientRef, now: Date) {
  const cm = await clientMonth(tx, client, now);
  const [byCategory, byItem, entries, update] = await Promise.all([
    minutesBy(tx, { clientId: client.id, month: cm.month, by: "category" }),
    minutesBy(tx, { clientId: client.id, month: cm.month, by: "roadmap" }),
    latestEntries(tx, { clientId: client.id, limit: 8 }),
    latestPublishedUpdate(tx, { clientId: client.id }),
  ]);
  return { cm, byCategory, byItem, entries, update };
}

export type LedgerData = Awaited<ReturnType<typeof ledgerData>>;

/** One month of the ledger, filtered, with the months that have entries and the roadmap items to filter by. */
export async function ledgerData(tx: Tx, client: ClientRef, f: LedgerFilter, now: Date) {
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
