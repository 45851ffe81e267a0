import "server-only";
// The key of a whole cached page response (issue 24): lib/platform/response-cache.mjs, in `npm run serve`'s
// process, keeps the HTML of a client person's dashboard, ledger (first page of a view), roadmap and updates feed,
// and asks this function, registered by instrumentation.ts, for the key of every such GET before Next sees it.
// A warm view then costs this: the session's signature, and one transaction of two statements (the viewer with
// their access to the client and its data version, and their unread count) — the access check every page makes.
//
// null means "let Next render it" (and store nothing): no valid session, a session to slide or note, an ended
// session, no access, staff (whose shell lists every client they log time for), a two-step sign-in still to set
// up, hosted sign-in (Supabase refreshes its cookies in proxy.ts), or a query the page does not read.
//
// The key holds everything the response shows: the path and query, the person and session, the client's data
// version (moved at commit by every write the pages read, whichever server made it), the day in the client's
// zone, and the whole viewer and unread count the shell shows. Two people never share a response.
import { createHash } from "node:crypto";
import { sessionUseDue } from "@/lib/auth";
import { sessionCookieName, sessionNeedsRefresh, verifySession } from "@/lib/auth/jwt";
import { asUser, type Claims } from "@/lib/db";
import { unreadCount } from "@/lib/db/notifications";
import { loadViewerWithAccess } from "@/lib/db/viewer";
import { localDate } from "@/lib/domain/dates";
import { needsTwoStepFirst } from "@/lib/auth/session";
import { clockNow } from "@/lib/platform/clock";
import { appSecrets, authProvider, env } from "@/lib/platform/env";

/** The cached pages and the query parameters each reads (the ledger's cursors are not: later pages render). */
const PAGES: { path: RegExp; params: string[] }[] = [
  { path: /^\/clients\/([0-9a-f-]{36})$/, params: [] },
  { path: /^\/clients\/([0-9a-f-]{36})\/hours$/, params: ["month", "category", "item", "billable"] },
  { path: /^\/clients\/([0-9a-f-]{36})\/roadmap$/, params: ["view"] },
  { path: /^\/clients\/([0-9a-f-]{36})\/updates$/, params: ["page"] },
];

/** When this server last had Next render a session's page, which notes its use (lib/auth: "last used" on /account). */
const lastRendered = new Map<string, number>();

export interface PageRequest {
  /** The request's path and query, as the HTTP request line has them. */
  url: string;
  cookie: string | undefined;
}

/** The page and the client a request asks for, with its query in one order, or null when it is not a cached page. */
export function cachedPage(url: string): { clientId: string; page: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url, "http://portal.invalid");
  } catch {
    return null;
  }
  for (const { path, params } of PAGES) {
    const m = path.exec(parsed.pathname);
    if (!m) continue;
    const query = [...parsed.searchParams.entries()];
    if (query.some(([k]) => !params.includes(k)) || new Set(query.map(([k]) => k)).size !== query.length) return null;
    query.sort(([a], [b]) => (a < b ? -1 : 1));
    return { clientId: m[1], page: `${parsed.pathname}?${new URLSearchParams(query).toString()}` };
  }
  return null;
}

const cookieValue = (header: string | undefined, name: string): string | undefined => {
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
};

/**
 * The key of the page `request` asks for, or null to render it without keeping it. `at.real` is the wall clock
 * (sessions run on it), `at.calendar` the app's clock (the client's day).
 */
export async function responseKey({ url, cookie }: PageRequest, at = { real: Date.now(), calendar: clockNow() }): Promise<string | null> {
  const nowMs = at.real;
  if (authProvider() !== "local") return null;
  const page = cachedPage(url);
  if (!page) return null;
  const secrets = appSecrets();
  const session = await verifySession(cookieValue(cookie, sessionCookieName(env().NODE_ENV === "production")), secrets);
  if (!session || sessionNeedsRefresh(session, secrets, Math.floor(nowMs / 1000))) return null;
  if (sessionUseDue(lastRendered, session.sid, nowMs)) return null; // rendered by Next, which notes the session's use
  const claims: Claims = { sub: session.sub, email: session.email, role: "authenticated", sid: session.sid };
  const { viewer, access, unread } = await asUser(claims, async (tx) => {
    const [seen, unread] = await Promise.all([loadViewerWithAccess(tx, { userId: claims.sub, email: claims.email, clientId: page.clientId }), unreadCount(tx)]);
    return { ...seen, unread };
  });
  if (!access || access.isStaff || viewer.staffRole !== null) return null;
  if (!viewer.memberships.some((m) => m.clientId === page.clientId)) return null;
  if (needsTwoStepFirst(viewer)) return null;
  const day = localDate(at.calendar, access.client.timezone);
  const facts = JSON.stringify([page.page, claims.sub, claims.sid, access.dataVersion, day, viewer, unread]);
  return createHash("sha256").update(facts).digest("base64url");
}
