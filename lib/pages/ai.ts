// "What AI saw" (issue 26): every request sent to a model about a client, newest first, 20 at a time, searchable
// by what was sent or answered. Owners and the client's staff (authorizePage("billing")); RLS says the same.
import { z } from "zod";
import { asUser } from "@/lib/db";
import { listAiRequests } from "@/lib/db/ai-requests";
import type { ClientPage } from "@/lib/pages/access";
import type { AiRequestRow } from "@/lib/types/ai";

export const AI_PAGE_SIZE = 20;

/** The query string: a search of up to 200 characters and a cursor; anything malformed is as if absent. */
const paramsSchema = z.object({
  q: z.string().trim().max(200).catch("").optional(),
  before: z.uuid().optional().catch(undefined),
});

export interface AiView {
  q: string;
  requests: AiRequestRow[];
  /** The cursor of the next (older) page, or null on the last. */
  older: string | null;
  /** Whether this is a later page (a link back to the newest). */
  paged: boolean;
}

export async function viewAiRequests({ claims, client }: ClientPage, searchParams: Record<string, string | string[] | undefined>): Promise<AiView> {
  const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
  const { q = "", before } = paramsSchema.parse({ q: one(searchParams.q), before: one(searchParams.before) });
  const rows = await asUser(claims, (tx) => listAiRequests(tx, { clientId: client.id, q: q || null, before: before ?? null, limit: AI_PAGE_SIZE + 1 }));
  const requests = rows.slice(0, AI_PAGE_SIZE);
  return { q, requests, older: rows.length > AI_PAGE_SIZE ? requests.at(-1)!.id : null, paged: Boolean(before) };
}
