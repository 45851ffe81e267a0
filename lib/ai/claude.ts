// Asking Claude for a structured draft through @anthropic-ai/sdk, for any feature: explicit timeout and retries,
// the feature's request and check, one retry with the check's reasons, and a record of every attempt (issue 26:
// what was sent, exactly, after redaction; the answer as received; the check's verdict; HTTP retries; tokens).
// Before anything is sent, lib/ai/redact masks email addresses, phone numbers, URLs with credentials and strings
// that look like secrets, with one placeholder per value for the whole draft; the answer's placeholders are put
// back before the check, so the draft a person edits says what the work log said and the model never saw it.
// An answer the check refuses goes back once with the reasons, then a clear error and nothing is returned; what
// the check neutralized is logged. API failures (429, 5xx, timeouts) become messages a person can act on, in the
// feature's words (`ClaudeCopy`), and are recorded too.
//
// A feature brings its own request (lib/ai/prompt helps build it) and its own check (lib/ai/check holds an
// answer to the portal's prose rules); the weekly update's are in lib/updates (ai-draft.ts).
import Anthropic from "@anthropic-ai/sdk";
import { redactText } from "@/lib/ai/redact";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/log";
import type { ClaudeRequest, Masked, NewAiRequest } from "@/lib/types/ai";

export type { ClaudeRequest };

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

/** The record of one attempt (public.ai_requests keeps it), and whether the check took its answer. */
export interface PromptRecord extends NewAiRequest {
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
  /** What the request is for, in words a client reads on "What AI saw" ("Draft of the weekly update, week of …"). */
  purpose: string;
  /** The request for an attempt; `feedback` is why the previous answer was refused. */
  request(model: string, feedback?: string): ClaudeRequest;
  /** Parses and checks the answer's text. */
  check(text: string): AnswerOutcome<T, P>;
  copy: ClaudeCopy;
  /** Called with the record of every attempt: accepted, refused by the check, or failed (the hook for keeping them). */
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

/** `request` with every string the model would read redacted; the masked values stay in `seen`. */
function redactRequest(request: ClaudeRequest, seen: Map<string, Masked>): ClaudeRequest {
  return {
    ...request,
    system: redactText(request.system, seen).text,
    messages: request.messages.map((m) => ({ ...m, content: redactText(m.content, seen).text })),
  };
}

/**
 * The answer with each placeholder back to its value. A value is kept as it was written in what was sent (inside
 * the facts' JSON: already escaped as a JSON string's characters), so it goes back into the answer's JSON as is.
 */
function unmask(text: string, seen: Map<string, Masked>): string {
  let out = text;
  for (const [value, m] of seen) out = out.split(m.placeholder).join(value);
  return out;
}

/** Each masked value once, by placeholder (two spellings of one address share one). */
const maskedList = (seen: Map<string, Masked>) => [...new Map([...seen.values()].map((m) => [m.placeholder, m])).values()];

/**
 * Why an answer was refused, in words that never carry a masked value: the check judged the answer with the values
 * back (what the person would get), but its reasons quote what they flag, so when the answer repeated masked values
 * the reasons are those of the answer as it came (placeholders in place) and one more: not to repeat them. These
 * words go back to the model with the retry, onto the record and into the log.
 */
function refusalReasons<P extends { detail: string }>(problems: P[], text: string, seen: Map<string, Masked>, check: (t: string) => AnswerOutcome<unknown, P>): string {
  const repeated = maskedList(seen).filter((m) => text.includes(m.placeholder));
  if (!repeated.length) return problems.slice(0, 5).map((p) => p.detail).join("; ");
  const asCame = check(text);
  return [
    ...(asCame.ok ? [] : asCame.problems.slice(0, 4).map((p) => p.detail)),
    `it repeats values the portal masked (${repeated.map((m) => m.placeholder).join(", ")}): describe the work without them`,
  ].join("; ");
}

/** Asks for a draft, checks it, retries once with the reasons; returns the checked draft and its prompt record. */
export async function askClaude<T, P extends { detail: string }>(
  job: ClaudeJob<T, P>, cfg: ClaudeConfig,
): Promise<{ draft: T; model: string; record: PromptRecord }> {
  let httpAttempts = 0;
  const client = new Anthropic({
    apiKey: cfg.apiKey, baseURL: cfg.baseURL, timeout: cfg.timeoutMs, maxRetries: cfg.maxRetries,
    fetch: (url, init) => {
      httpAttempts++;
      return fetch(url, init);
    },
  });
  const endpoint = new URL("v1/messages", `${client.baseURL.replace(/\/+$/, "")}/`).toString();
  const seen = new Map<string, Masked>();
  let feedback: string | undefined;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const request = redactRequest(job.request(cfg.model, feedback), seen);
    const masked = maskedList(seen);
    const base = { purpose: job.purpose, endpoint, model: cfg.model, promptVersion: job.promptVersion, attempt, request, masked };
    httpAttempts = 0;
    let message: Anthropic.Message;
    try {
      message = (await client.messages.create(request as Anthropic.MessageCreateParamsNonStreaming)) as Anthropic.Message;
    } catch (e) {
      log.warn({ err: e, attempt }, "claude request failed");
      const failure = apiFailure(e, job.copy);
      job.onRecord?.({
        ...base, answeredBy: null, httpAttempts, response: null, outcome: "failed", feedback: failure.userMessage,
        inputTokens: null, outputTokens: null, accepted: false,
      });
      throw failure;
    }
    const text = message.content.flatMap((b) => (b.type === "text" ? [b.text] : [])).join("");
    const checked = job.check(unmask(text, seen));
    const problems = checked.ok ? null : refusalReasons(checked.problems, text, seen, job.check);
    const record: PromptRecord = {
      ...base, answeredBy: message.model || cfg.model, httpAttempts, response: text, outcome: checked.ok ? "accepted" : "refused",
      feedback: problems, inputTokens: message.usage?.input_tokens ?? null, outputTokens: message.usage?.output_tokens ?? null, accepted: checked.ok,
    };
    job.onRecord?.(record);
    if (checked.ok) {
      if (checked.neutralized.length) log.info({ attempt, neutralized: checked.neutralized }, "claude draft neutralized");
      return { draft: checked.draft, model: record.answeredBy!, record };
    }
    feedback = problems!;
    log.warn({ attempt, problems: feedback }, "claude draft rejected");
  }
  throw new AppError("unavailable", job.copy.refusedTwice(feedback!));
}
