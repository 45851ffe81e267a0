// Drafting a weekly update with Claude: the week's request (prompt.ts) and check (draft-schema.ts: shape,
// citations, highlights, and lib/ai's figures, money and balance claims, links, markup) through lib/ai's
// client, which retries a refused answer once with the reasons and then fails with a clear error; nothing
// is saved. API failures become messages a person can act on, in the words below.
import { askClaude, type ClaudeConfig, type ClaudeCopy, type PromptRecord } from "@/lib/ai/claude";
import type { WeeklyFacts } from "@/lib/domain/weekly";
import { formatDate } from "@/lib/format";
import { checkDraft, type UpdateDraft } from "@/lib/updates/draft-schema";
import { buildWeeklyUpdateRequest, PROMPT_VERSION } from "@/lib/updates/prompt";

const COPY: ClaudeCopy = {
  thisDraft: "this update",
  byHand: "write the update by hand",
  withoutClaude: "draft from the template",
  refusedTwice: (feedback) => `Claude's draft did not match the week's facts twice (${feedback}). Nothing was saved; try again or start from the template.`,
};

/** A checked draft of the week, the model that wrote it and the prompt's record; `onRecord` hears of every attempt. */
export async function draftWithClaude(facts: WeeklyFacts, cfg: ClaudeConfig, onRecord?: (r: PromptRecord) => void): Promise<{ draft: UpdateDraft; model: string; record: PromptRecord }> {
  return askClaude({
    promptVersion: PROMPT_VERSION,
    purpose: `Draft of the weekly update for the week of ${formatDate(facts.weekStart, { month: "long", day: "numeric", year: "numeric" })}`,
    request: (model, feedback) => buildWeeklyUpdateRequest(facts, model, feedback),
    check: (text) => checkDraft(text, facts, { appUrl: cfg.appUrl }),
    copy: COPY,
    onRecord,
  }, cfg);
}
