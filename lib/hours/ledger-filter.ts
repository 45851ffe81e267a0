// The ledger page's filter (its search params, lib/hours/schemas entryFilterSchema) for one client and month, as
// lib/db/entries' queries take it: the page (lib/pages/ledger) and its CSV (lib/export/ledger) read the same entries.
import type { EntryFilter } from "@/lib/db/entries";
import type { Month } from "@/lib/domain/dates";
import type { LedgerFilter } from "@/lib/types/pages";

export function ledgerEntryFilter(clientId: string, month: Month, f: LedgerFilter): EntryFilter {
  return { clientId, month, category: f.category, roadmapItemId: f.item, billable: f.billable === undefined ? undefined : f.billable === "yes" };
}
