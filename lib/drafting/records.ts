// Keeping what AI saw (issue 26) for any feature that drafts with a model: the weekly update (lib/updates/draft.ts)
// and the handbook (lib/handbook/draft.ts). A draft hears of every attempt lib/ai/claude makes and keeps them with what
// it produced, in the transaction that saves it; when the draft fails, what was sent is kept on its own.
import { asUser, type Claims, type Tx } from "@/lib/db";
import { insertAiRequests } from "@/lib/db/ai-requests";
import { logger } from "@/lib/platform/log";
import type { AiProduct, NewAiRequest } from "@/lib/types/ai";

const log = logger("drafting.records");

/** What a drafting feature does with its records: hears of each attempt, and keeps them with what it produced. */
export interface AiRecorder {
  /** Hears of one attempt (lib/ai/claude's `onRecord`). */
  record(r: NewAiRequest): void;
  /** Keeps the attempts heard so far in `tx`, linked to what the accepted answer became. */
  keep(tx: Tx, produced: AiProduct | null): Promise<void>;
  /** The prompt version of the last attempt, if any. */
  lastPromptVersion(): string | null;
}

/**
 * Runs a draft with a recorder. The draft keeps its records in the transaction that saves what it produced; when the
 * draft fails (the model failed, the answer was refused twice, the save was refused), what was sent is kept on its
 * own, with nothing produced, and the draft's error goes back unchanged: keeping the record must not hide it.
 */
export async function recordingAiRequests<T>(claims: Claims, clientId: string, draft: (recorder: AiRecorder) => Promise<T>): Promise<T> {
  const records: NewAiRequest[] = [];
  const recorder: AiRecorder = {
    record: (r) => {
      const { accepted: _, ...kept } = r as NewAiRequest & { accepted?: boolean };
      records.push(kept);
    },
    keep: (tx, produced) => insertAiRequests(tx, { clientId, requestedBy: claims.sub, produced, records }),
    lastPromptVersion: () => records.at(-1)?.promptVersion ?? null,
  };
  try {
    return await draft(recorder);
  } catch (e) {
    if (records.length) {
      await asUser(claims, (tx) => recorder.keep(tx, null)).catch((err: unknown) => log.error({ err }, "the AI record of a failed draft was not kept"));
    }
    throw e;
  }
}
