// Building a request any feature sends (lib/ai/claude): data goes in as JSON inside a tagged block and is
// declared data, never instructions, and the answer is constrained to the feature's JSON Schema. The feature
// writes its own system prompt and user message (the weekly update's: lib/updates/prompt.ts).
import type { ClaudeRequest } from "@/lib/ai/claude";

/**
 * `value` as JSON inside <tag>…</tag>. "<" is escaped so no text inside it (a description, a title) can open
 * or close a tag; the JSON stays equivalent.
 */
export function dataBlock(tag: string, value: unknown): string {
  return [`<${tag}>`, JSON.stringify(value, null, 2).replace(/</g, "\\u003c"), `</${tag}>`].join("\n");
}

/** The line that sends a refused answer back with its reasons. */
export const retryLine = (feedback: string) => `Your previous answer was rejected: ${feedback}. Answer again, following the rules.`;

/** A request whose answer must be JSON matching `schema`. */
export function structuredRequest(opts: { model: string; maxTokens: number; system: string; user: string; schema: object }): ClaudeRequest {
  return {
    model: opts.model,
    max_tokens: opts.maxTokens,
    system: opts.system,
    messages: [{ role: "user", content: opts.user }],
    output_config: { format: { type: "json_schema", schema: opts.schema as Record<string, unknown> } },
  };
}
