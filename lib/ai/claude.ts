// Drafting with Claude through @anthropic-ai/sdk: explicit timeout and retries, structured output, and
// every answer checked against the facts (checkDraft: shape, citations, figures, money and balance claims,
// links, markup). An answer the check refuses goes back once with the reasons, then a clear error and
// nothing is saved; what the check neutralized (a foreign link turned into its text) is logged. API
// failures (429, 5xx, timeouts) become messages a person can act on.
import Anthropic from "@anthropic-ai/sdk";
import { checkDraft, type UpdateDraft } from "@/lib/ai/draft-schema";
import { buildWeeklyUpdateRequest } from "@/lib/ai/prompt";
import type { WeeklyFacts } from "@/lib/domain/weekly";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/log";

const log = logger("ai.claude");

export interface ClaudeConfig {
  apiKey: string;
  model: string;
  baseURL?: string;
  timeoutMs: number;
  maxRetries: number;
  /** The portal's address (APP_URL): the only absolute links a draft may keep, as relative paths. */
  appUrl?: string;
}

/** The settings as configured: without an API key, updates are drafted from the template instead. */
export type ClaudeSettings = Omit<ClaudeConfig, "apiKey"> & { apiKey?: string };

const KEEP = "Your existing draft is unchanged.";

function apiFailure(e: unknown): AppError {
  if (e instanceof Anthropic.RateLimitError) return new AppError("unavailable", `Claude is busy right now (rate limited). ${KEEP} Try again in a minute.`);
  if (e instanceof Anthropic.APIConnectionTimeoutError) return new AppError("unavailable", `Claude took too long to answer. ${KEEP} Try again, or write the update by hand.`);
  if (e instanceof Anthropic.AuthenticationError || e instanceof Anthropic.PermissionDeniedError) {
    return new AppError("unavailable", `Claude refused the API key. ${KEEP} Check ANTHROPIC_API_KEY, or draft from the template.`);
  }
  if (e instanceof Anthropic.InternalServerError || (e instanceof Anthropic.APIError && (e.status ?? 0) >= 500)) {
    return new AppError("unavailable", `Claude is having trouble right now. ${KEEP} Try again in a few minutes.`);
  }
  if (e instanceof Anthropic.APIConnectionError) return new AppError("unavailable", `Claude could not be reached. ${KEEP} Try again shortly.`);
  return new AppError("unavailable", `Claude could not draft this update. ${KEEP}`);
}

export async function draftWithClaude(facts: WeeklyFacts, cfg: ClaudeConfig): Promise<{ draft: UpdateDraft; model: string }> {
  const client = new Anthropic({ apiKey: cfg.apiKey, baseURL: cfg.baseURL, timeout: cfg.timeoutMs, maxRetries: cfg.maxRetries });
  let feedback: string | undefined;
  for (let attempt = 1; attempt <= 2; attempt++) {
    let message: Anthropic.Message;
    try {
      message = (await client.messages.create(buildWeeklyUpdateRequest(facts, cfg.model, feedback) as Anthropic.MessageCreateParamsNonStreaming)) as Anthropic.Message;
    } catch (e) {
      log.warn({ err: e, attempt }, "claude request failed");
      throw apiFailure(e);
    }
    const text = message.content.flatMap((b) => (b.type === "text" ? [b.text] : [])).join("");
    const checked = checkDraft(text, facts, { appUrl: cfg.appUrl });
    if (checked.ok) {
      if (checked.neutralized.length) log.info({ attempt, neutralized: checked.neutralized }, "claude draft neutralized");
      return { draft: checked.draft, model: message.model || cfg.model };
    }
    feedback = checked.problems.slice(0, 5).map((p) => p.detail).join("; ");
    log.warn({ attempt, problems: checked.problems }, "claude draft rejected");
  }
  throw new AppError("unavailable", `Claude's draft did not match the week's facts twice (${feedback}). Nothing was saved; try again or start from the template.`);
}
