// Changing several ledger entries at once (issue 25): recategorize, link to a roadmap item (or none), mark billable
// or not, or void with one reason. One transaction; each entry goes through the single-entry edit or void (its own
// audit event, the month's alerts). Refused as a whole, with the reason, when any entry is in a closed month, is
// already voided or is a correction: nothing is changed then.
import type { Tx } from "@/lib/db";
import { getEntries } from "@/lib/db/entries";
import { formatCount, formatMonth } from "@/lib/format";
import { editEntry, voidEntry } from "@/lib/hours/corrections";
import { AppError, refuseIf } from "@/lib/platform/errors";
import type { ClientRef } from "@/lib/types/clients";
import type { Category } from "@/lib/types/hours";

export interface BulkChange {
  entryIds: string[];
  change: "category" | "roadmapItem" | "billable" | "void";
  category?: Category | "";
  roadmapItemId: string | null;
  billable?: "yes" | "no" | "";
  reason?: string;
}

const CATEGORY_WORDS: Record<Category, string> = {
  build: "Build", maintenance: "Maintenance", audit: "Audit", meeting: "Meeting", training: "Training", support: "Support",
};
const entriesWord = (n: number) => `${formatCount(n)} ${n === 1 ? "entry" : "entries"}`;

export async function bulkChangeEntries(tx: Tx, actorId: string, client: ClientRef, input: BulkChange, now: Date): Promise<{ changed: number; summary: string }> {
  refuseIf(input.change === "category" && !input.category ? { field: "category", message: "Choose the category to give them." } : null);
  refuseIf(input.change === "billable" && !input.billable ? { field: "billable", message: "Choose billable or not billable." } : null);
  const reason = (input.reason ?? "").trim();
  refuseIf(input.change === "void" && reason.length < 3 ? { field: "reason", message: "Say why these entries are voided (a few words)." } : null);

  const entries = await getEntries(tx, { clientId: client.id, entryIds: input.entryIds });
  if (entries.length !== input.entryIds.length) throw new AppError("not_found", "That entry could not be found.");
  const closed = entries.filter((e) => e.monthClosed);
  if (closed.length) {
    const months = [...new Set(closed.map((e) => formatMonth(`${e.workDate.slice(0, 7)}-01`)))].join(", ");
    throw new AppError("month_closed", `${entriesWord(closed.length)} of the ${formatCount(entries.length)} selected ${closed.length === 1 ? "is" : "are"} in a closed month (${months}): nothing was changed. Record corrections in an open month instead.`);
  }
  const voided = entries.filter((e) => e.voidedAt);
  if (voided.length) throw new AppError("conflict", `${entriesWord(voided.length)} of the selected ${voided.length === 1 ? "is" : "are"} already voided: nothing was changed.`);
  const corrections = entries.filter((e) => e.adjustsEntryId);
  if (corrections.length) throw new AppError("conflict", `${entriesWord(corrections.length)} of the selected ${corrections.length === 1 ? "is a correction" : "are corrections"} of a closed month, changed one at a time: nothing was changed.`);

  for (const e of entries) {
    if (input.change === "void") {
      await voidEntry(tx, actorId, client, e.id, reason);
      continue;
    }
    const next = {
      workDate: e.workDate, minutes: e.minutes, description: e.description, category: e.category, billable: e.billable, roadmapItemId: e.roadmapItemId,
      ...(input.change === "category" ? { category: input.category as Category } : {}),
      ...(input.change === "roadmapItem" ? { roadmapItemId: input.roadmapItemId } : {}),
      ...(input.change === "billable" ? { billable: input.billable === "yes" } : {}),
    };
    await editEntry(tx, actorId, client, e.id, next, now);
  }
  const n = entriesWord(entries.length);
  const summary = input.change === "void" ? `Voided ${n}.`
    : input.change === "category" ? `Recategorized ${n} as ${CATEGORY_WORDS[input.category as Category]}.`
      : input.change === "roadmapItem" ? (input.roadmapItemId ? `Linked ${n} to the roadmap item.` : `Unlinked ${n} from their roadmap items.`)
        : `Marked ${n} ${input.billable === "yes" ? "billable" : "not billable"}.`;
  return { changed: entries.length, summary };
}
