// Search (issue 25, /search?q=…): the signed-in person's entries, roadmap items, updates and handbook pages matching every word
// typed (each also as a prefix), best first, under their RLS: staff across their clients, owners and members in
// their own client's (members: published updates only). Optionally within one client (`client`).
import type { Session } from "@/lib/auth/session";
import { asUser } from "@/lib/db";
import { searchAll } from "@/lib/db/search";
import { highlightParts, searchWords, tsQueryOf } from "@/lib/domain/search";
import type { SearchHit } from "@/lib/types/search";

export interface SearchView {
  q: string;
  words: string[];
  entries: (SearchHit & { parts: ReturnType<typeof highlightParts> })[];
  items: (SearchHit & { parts: ReturnType<typeof highlightParts> })[];
  updates: (SearchHit & { parts: ReturnType<typeof highlightParts> })[];
  pages: (SearchHit & { parts: ReturnType<typeof highlightParts> })[];
  /** The client the search is within, when the person chose one of theirs. */
  client: { id: string; name: string } | null;
}

const LIMIT = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function viewSearch({ claims, viewer }: Session, params: { q?: string | string[]; client?: string | string[] }): Promise<SearchView> {
  const q = typeof params.q === "string" ? params.q.slice(0, 200) : "";
  const asked = typeof params.client === "string" && UUID.test(params.client) ? params.client : null;
  const membership = asked ? viewer.memberships.find((m) => m.clientId === asked) : undefined;
  const client = asked && (membership || viewer.staffRole) ? { id: asked, name: membership?.clientName ?? "" } : null;
  const query = tsQueryOf(q);
  const hits = query ? await asUser(claims, (tx) => searchAll(tx, { query, clientId: client?.id ?? null, limit: LIMIT })) : [];
  if (client && !client.name) client.name = hits.find((h) => h.clientId === client.id)?.clientName ?? "this client";
  const withParts = (kind: SearchHit["kind"]) => hits.filter((h) => h.kind === kind).map((h) => ({ ...h, parts: highlightParts(h.snippet) }));
  return { q, words: searchWords(q), entries: withParts("entry"), items: withParts("item"), updates: withParts("update"), pages: withParts("page"), client };
}
