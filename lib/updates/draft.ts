// Drafting a weekly update: facts in the action's transaction, then Claude (when a key is set and the
// client's owners allow it) or the template outside any transaction, then the draft, written only once it
// checked out. Any failure leaves an existing draft as it was.
import type { ClaudeSettings } from "@/lib/ai/claude";
import { recordingAiRequests } from "@/lib/drafting/records";
import { asUser, type Claims, type Tx } from "@/lib/db";
import { getClient } from "@/lib/db/clients";
import { openRoadmapItems } from "@/lib/db/roadmap";
import { findUpdateForWeek, saveDraft as saveDraftRow, upsertDraft } from "@/lib/db/updates";
import type { WeeklyFacts } from "@/lib/domain/weekly";
import { formatDate } from "@/lib/format";
import { AppError, found } from "@/lib/platform/errors";
import type { ClientRow } from "@/lib/types/clients";
import { draftWithClaude } from "@/lib/updates/ai-draft";
import type { UpdateDraft } from "@/lib/updates/draft-schema";
import { weeklyFacts } from "@/lib/updates/facts";
import { renderUpdate, templateDraft } from "@/lib/updates/render";

export interface DraftOptions {
  claude: ClaudeSettings;
  now: Date;
}

export interface DraftMaterial {
  client: ClientRow;
  weekStart: string;
  facts: WeeklyFacts;
  openItems: string[];
}

/** Phase 1, in the caller's transaction: refuses a published week, and gathers what the draft is written from. */
export async function draftMaterial(tx: Tx, client: ClientRow, weekStart: string, now: Date): Promise<DraftMaterial> {
  const existing = await findUpdateForWeek(tx, { clientId: client.id, weekStart });
  if (existing?.status === "published") {
    // One message, on the form (as the last-admin refusal): it names the week, so no field error repeats it.
    throw new AppError("conflict", `The update for the week of ${formatDate(weekStart, { month: "long", day: "numeric" })} is already published. Choose another week.`);
  }
  const [facts, items] = await Promise.all([
    weeklyFacts(tx, client, weekStart, now),
    openRoadmapItems(tx, { clientIds: [client.id] }),
  ]);
  return { client, weekStart, facts, openItems: items.map((i) => i.title) };
}

/**
 * Phase 2, after that commit: writes the words (Claude or the template) and saves the draft. Returns its id. Every
 * request sent to Claude is kept (What AI saw, issue 26): with the draft it produced, in the draft's transaction;
 * when drafting failed, on its own before the error goes back.
 */
export async function writeDraft(claims: Claims, m: DraftMaterial, claude: ClaudeSettings): Promise<{ id: string; source: "ai" | "template" }> {
  const useClaude = Boolean(claude.apiKey) && m.client.aiDraftingEnabled;
  return recordingAiRequests(claims, m.client.id, async (recorder) => {
    const drafted: { draft: UpdateDraft; model: string | null } = useClaude
      ? await draftWithClaude(m.facts, { ...claude, apiKey: claude.apiKey! }, (r) => recorder.record(r))
      : { draft: templateDraft(m.facts, m.openItems), model: null };
    const rendered = renderUpdate(drafted.draft, m.facts);
    const id = await asUser(claims, async (tx) => {
      const saved = await upsertDraft(tx, {
        actorId: claims.sub, clientId: m.client.id,
        draft: {
          weekStart: m.weekStart, title: rendered.title, bodyMd: rendered.bodyMd, facts: m.facts, citations: rendered.citations,
          source: useClaude ? "ai" : "template", model: drafted.model, promptVersion: useClaude ? recorder.lastPromptVersion() : null,
        },
      });
      if (!saved) throw new AppError("conflict", "This week's update is already published.");
      await recorder.keep(tx, { kind: "update", id: saved });
      return saved;
    });
    return { id, source: useClaude ? "ai" : "template" };
  });
}

/** An engineer's edit of a draft's words; a published update is refused. */
export async function saveDraft(tx: Tx, actorId: string, clientId: string, updateId: string, input: { title: string; bodyMd: string }) {
  if (!(await saveDraftRow(tx, { actorId, clientId, updateId, input }))) {
    throw new AppError("conflict", "Only drafts can be edited; this update may already be published.");
  }
}

/** Both phases, for callers outside an action (the seed, tests). */
export async function draftUpdate(claims: Claims, clientId: string, weekStart: string, opts: DraftOptions): Promise<{ id: string; source: "ai" | "template" }> {
  const material = await asUser(claims, async (tx) => draftMaterial(tx, found(await getClient(tx, { clientId }), "That client"), weekStart, opts.now));
  return writeDraft(claims, material, opts.claude);
}
