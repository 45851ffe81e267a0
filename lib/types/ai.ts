// What is sent to a model and what is kept of it (issue 26): shapes shared by lib/ai, lib/db and the pages (types only).

/** A Messages API request with structured output: what is sent. */
export interface ClaudeRequest {
  model: string;
  max_tokens: number;
  system: string;
  messages: { role: "user"; content: string }[];
  output_config: { format: { type: "json_schema"; schema: Record<string, unknown> } };
}

export type RedactionKind = "email" | "phone" | "url-credentials" | "secret" | "password" | "iban";

/** One value redaction replaced: its kind, its placeholder in what was sent, and a preview that never shows it. */
export interface Masked {
  kind: RedactionKind;
  placeholder: string;
  /** The first 2 characters and the length, e.g. "sk…(51 chars)"; never the whole value. */
  preview: string;
}

export type AiOutcome = "accepted" | "refused" | "failed";

/** The record of one attempt, as lib/ai/claude reports it and public.ai_requests keeps it. */
export interface NewAiRequest {
  /** What it was for, in words ("Draft of the weekly update for the week of …"). */
  purpose: string;
  /** The Messages API address it was sent to. */
  endpoint: string;
  /** The model asked for. */
  model: string;
  /** The model that answered; null when no answer came. */
  answeredBy: string | null;
  promptVersion: string;
  /** 1, or 2 for the retry with the check's reasons. */
  attempt: number;
  /** HTTP requests the SDK made for this attempt (its own retries after 429, 5xx or a timeout). */
  httpAttempts: number;
  /** Exactly what was sent, after redaction. */
  request: ClaudeRequest;
  /** The answer's text as received; null when none came. */
  response: string | null;
  outcome: AiOutcome;
  /** Why the check refused the answer, or why the request failed. */
  feedback: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  masked: Masked[];
}

/** What an accepted answer became: a weekly update's draft or a handbook page's first version. */
export type AiProduct = { kind: "update" | "handbook_page"; id: string };

/** A kept record, as the "What AI saw" page reads it. */
export interface AiRequestRow extends Omit<NewAiRequest, "masked"> {
  id: string;
  createdAt: Date;
  masked: Masked[];
  updateId: string | null;
  handbookPageId: string | null;
  requestedByName: string | null;
}
