import "server-only";
// Claude's settings, from the environment (lib/platform/env): no key means each feature drafts without Claude
// (weekly updates, from the template).
import type { ClaudeSettings } from "@/lib/ai/claude";
import { env } from "@/lib/platform/env";

export function claudeConfigFromEnv(): ClaudeSettings {
  const e = env();
  return {
    apiKey: e.ANTHROPIC_API_KEY,
    model: e.ANTHROPIC_MODEL,
    baseURL: e.ANTHROPIC_BASE_URL,
    timeoutMs: e.ANTHROPIC_TIMEOUT_MS,
    maxRetries: e.ANTHROPIC_MAX_RETRIES,
    appUrl: e.APP_URL,
  };
}

/** Whether a draft for this client goes to Claude: a key is set and the client's owners have not switched drafting off. */
export const claudeDrafts = (client: { aiDraftingEnabled: boolean }): boolean => Boolean(env().ANTHROPIC_API_KEY) && client.aiDraftingEnabled;
