// The ledger's CSV (GET /clients/:id/hours/export): the entries the ledger page lists for a month and its filters,
// oldest first, written as they are read (a cursor, a few hundred rows at a time, in one read-only transaction as
// the caller), so a month of any size downloads in constant memory.
import type { Claims } from "@/lib/db";
import { getClient } from "@/lib/db/clients";
import { listEntries } from "@/lib/db/entries";
import { ledgerEntryFilter } from "@/lib/hours/ledger-filter";
import { localDate, monthOf } from "@/lib/domain/dates";
import { generatedBody, openInTransaction } from "@/lib/export/stream";
import { csvLine } from "@/lib/format/csv";
import type { LedgerFilter } from "@/lib/types/pages";
import { found } from "@/lib/platform/errors";

export const LEDGER_CSV_COLUMNS = [
  "date", "description", "category", "billable", "minutes", "hours", "engineer", "roadmap_item", "status", "void_reason", "corrects_entry_dated", "entry_id",
];

const BATCH = 500;

/** The CSV's bytes and its file name; "not found" (AppError) when the caller cannot read the client. */
export async function openLedgerCsv({ claims, clientId, filter: f, now, signal }: {
  claims: Claims; clientId: string; filter: LedgerFilter; now: Date; signal: AbortSignal;
}): Promise<{ stream: ReadableStream<Uint8Array>; filename: string }> {
  const opened = await openInTransaction(claims, signal, `ledger csv ${clientId}`, async (tx) => {
    const client = found(await getClient(tx, { clientId }), "That client");
    const month = f.month ?? monthOf(localDate(now, client.timezone));
    const query = listEntries(tx, { ...ledgerEntryFilter(clientId, month, f), order: "oldest" });
    async function* lines() {
      yield `\uFEFF${csvLine(LEDGER_CSV_COLUMNS)}`;
      for await (const rows of query.cursor(BATCH)) {
        let text = "";
        for (const e of rows) {
          text += csvLine([
            e.workDate, e.description, e.category, e.billable, e.minutes, Number((e.minutes / 60).toFixed(2)), e.engineerName, e.roadmapTitle,
            e.voidedAt ? "voided" : e.adjustsEntryId ? "correction" : "logged", e.voidReason, e.adjustsWorkDate, e.id,
          ]);
        }
        yield text;
      }
    }
    return generatedBody(`${client.slug}-hours-${month.slice(0, 7)}.csv`, lines());
  });
  return { stream: opened!.stream, filename: opened!.info };
}
