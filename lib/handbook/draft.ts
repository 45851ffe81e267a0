// Drafting a handbook page from a roadmap item's work (issue 26), in the weekly update's two phases: the facts in the
// command's transaction, then Claude (when a key is set and the client's owners allow it) or the template outside
// any transaction, then the page, saved only once the draft checked out. The draft is an internal page's first
// version (who wrote its words is kept on the version), so no client reads it before a person has corrected and
// saved it. Every request sent is kept (What AI saw) with the page it became, or on its own when drafting failed.
import type { ClaudeSettings } from "@/lib/ai/claude";
import { asUser, type Claims, type Tx } from "@/lib/db";
import { recordingAiRequests } from "@/lib/drafting/records";
import { itemWork } from "@/lib/db/handbook";
import { createPage } from "@/lib/handbook/pages";
import { draftRunbookWithClaude, renderRunbook, templateRunbook, type RunbookFacts } from "@/lib/handbook/runbook";
import { found } from "@/lib/platform/errors";
import type { ClientRow } from "@/lib/types/clients";
import type { HandbookSource } from "@/lib/types/handbook";

/** The most entries and comments a draft is written from: the newest, so a long-running item's draft stays one request. */
const WORK_LIMIT = 200;

export interface RunbookMaterial {
  client: ClientRow;
  facts: RunbookFacts;
}

/** Phase 1, in the command's transaction: the item and the work on it. */
export async function runbookMaterial(tx: Tx, client: ClientRow, itemId: string): Promise<RunbookMaterial> {
  const work = found(await itemWork(tx, { clientId: client.id, itemId, zone: client.timezone, limit: WORK_LIMIT }), "That roadmap item");
  return { client, facts: { clientId: client.id, clientName: client.name, work } };
}

/** Phase 2, after that commit: the words (Claude or the template), then the page. Returns the page's id and who wrote it. */
export async function writeRunbook(claims: Claims, m: RunbookMaterial, claude: ClaudeSettings): Promise<{ id: string; source: HandbookSource }> {
  const useClaude = Boolean(claude.apiKey) && m.client.aiDraftingEnabled;
  const source: HandbookSource = useClaude ? "claude" : "template";
  return recordingAiRequests(claims, m.client.id, async (recorder) => {
    const draft = useClaude
      ? (await draftRunbookWithClaude(m.facts, { ...claude, apiKey: claude.apiKey! }, (r) => recorder.record(r))).draft
      : templateRunbook(m.facts);
    const page = { ...renderRunbook(draft, m.facts), section: "runbooks" as const, visibility: "internal" as const, roadmapItemId: m.facts.work.item.id };
    const id = await asUser(claims, async (tx) => {
      const created = await createPage(tx, claims.sub, m.client.id, page, source);
      await recorder.keep(tx, { kind: "handbook_page", id: created });
      return created;
    });
    return { id, source };
  });
}
