// Asking Claude for a structured draft through @anthropic-ai/sdk, for any feature: explicit timeout and retries,
// the feature's request and check, one retry with the check's reasons, and a record of the prompt (what was
// sent, the model that answered, the prompt's version). An answer the check refuses goes back once with the
// reasons, then a clear error and nothing is returned; what the check neutralized is logged. API failures
// (429, 5xx, timeouts) become messages a person can act on, in the feature's words (`ClaudeCopy`).
//
// A feature brings its own request (lib/ai/prompt helps build it) and its own check (lib/ai/check holds an
// answer to the portal's prose rules); the weekly update's are in lib/updates (ai-draft.ts).
import Anthropic from "@anthropic-ai/sdk";
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

/** The settings as configured: without an API key, a feature drafts without Claude (the weekly update, from its template). */
export type ClaudeSettings = Omit<ClaudeConfig, "apiKey"> & { apiKey?: string };

/** A Messages API request with structured output: what is sent. */
export interface ClaudeRequest {
  model: string;
  max_tokens: number;
  system: string;
  messages: { role: "user"; content: string }[];
  output_config: { format: { type: "json_schema"; schema: Record<string, unknown> } };
}

/** What a draft came from, to store beside it: the prompt's version, what was sent, and the model that answered. */
export interface PromptRecord {
  promptVersion: string;
  /** The request of the attempt (the retry's, with the reasons, when the first answer was refused). */
  request: ClaudeRequest;
  /** The model that answered (the configured one when the answer does not say). */
  model: string;
  /** 1 or 2. */
  attempt: number;
  /** Whether the check took this attempt's answer. */
  accepted: boolean;
}

/** The outcome of a feature's check of one answer. */
export type AnswerOutcome<T, P extends { detail: string }> = { ok: true; draft: T; neutralized: string[] } | { ok: false; problems: P[] };

/** The words of the errors that depend on what is drafted. */
export interface ClaudeCopy {
  /** "this update", as in "Claude could not draft this update." */
  thisDraft: string;
  /** "write the update by hand", as in "Try again, or write the update by hand." */
  byHand: string;
  /** "draft from the template", as in "Check ANTHROPIC_API_KEY, or draft from the template." */
  withoutClaude: string;
  /** The error once two answers were refused, given the reasons of the second. */
  refusedTwice(feedback: string): string;
}

/** One kind of draft: how to ask, how to check the answer, and what to say when it fails. */
export interface ClaudeJob<T, P extends { detail: string }> {
  /** The prompt's name and version, stored with the draft (e.g. "weekly-update/2026-12-05.2"). */
  promptVersion: string;
  /** The request for an attempt; `feedback` is why the previous answer was refused. */
  request(model: string, feedback?: string): ClaudeRequest;
  /** Parses and checks the answer's text. */
  check(text: string): AnswerOutcome<T, P>;
  copy: ClaudeCopy;
  /** Called with the record of every answered attempt, accepted or not (the hook for keeping prompts). */
  onRecord?(record: PromptRecord): void;
}

const KEEP = "Your existing draft is unchanged.";

function apiFailure(e: unknown, copy: ClaudeCopy): AppError {
  if (e instanceof Anthropic.RateLimitError) return new AppError("unavailable", `Claude is busy right now (rate limited). ${KEEP} Try again in a minute.`);
  if (e instanceof Anthropic.APIConnectionTimeoutError) return new AppError("unavailable", `Claude took too long to answer. ${KEEP} Try again, or ${copy.byHand}.`);
  if (e instanceof Anthropic.AuthenticationError || e instanceof Anthropic.PermissionDeniedError) {
    return new AppError("unavailable", `Claude refused the API key. ${KEEP} Check ANTHROPIC_API_KEY, or ${copy.withoutClaude}.`);
  }
  if (e instanceof Anthropic.InternalServerError || (e instanceof Anthropic.APIError && (e.status ?? 0) >= 500)) {
    return new AppError("unavailable", `Claude is having trouble right now. ${KEEP} Try again in a few minutes.`);
  }
  if (e instanceof Anthropic.APIConnectionError) return new AppError("unavailable", `Claude could not be reached. ${KEEP} Try again shortly.`);
  return new AppError("unavailable", `Claude could not draft ${copy.thisDraft}. ${KEEP}`);
}

/** Asks for a draft, checks it, retries once with the reasons; returns the checked draft and its prompt record. */
export async function askClaude<T, P extends { detail: string }>(
  job: ClaudeJob<T, P>, cfg: ClaudeConfig,
): Promise<{ draft: T; model: string; record: PromptRecord }> {
  const client = new Anthropic({ apiKey: cfg.apiKey, baseURL: cfg.baseURL, timeout: cfg.timeoutMs, maxRetries: cfg.maxRetries });
  let feedback: string | undefined;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const request = job.request(cfg.model, feedback);
    let message: Anthropic.Message;
    try {
      message = (await client.messages.create(request as Anthropic.MessageCreateParamsNonStreaming)) as Anthropic.Message;
    } catch (e) {
      log.warn({ err: e, attempt }, "claude request failed");
      throw apiFailure(e, job.copy);
    }
    const text = message.content.flatMap((b) => (b.type === "text" ? [b.text] : [])).join("");
    const checked = job.check(text);
    const record: PromptRecord = { promptVersion: job.promptVersion, request, model: message.model || cfg.model, attempt, accepted: checked.ok };
    job.onRecord?.(record);
    if (checked.ok) {
      if (checked.neutralized.length) log.info({ attempt, neutralized: checked.neutralized }, "claude draft neutralized");
      return { draft: checked.draft, model: record.model, record };
    }
    feedback = checked.problems.slice(0, 5).map((p) => p.detail).join("; ");
    log.warn({ attempt, problems: checked.problems }, "claude draft rejected");
  }
  throw new AppError("unavailable", job.copy.refusedTwice(feedback!));
}
