import "server-only";
// The key under which a client page's rendered output is cached (issue 24): the dashboard, the roadmap and the
// updates feed render inside a `"use cache"` component whose arguments are this key, so a warm render (a client-side
// navigation, or any view on Vercel) skips their server components, Markdown and charts. (The ledger does not: see its
// page. Whole document responses are kept apart, by lib/platform/response-cache.mjs.)
//   - dataVersion moves at commit with every write those pages read (private.client_data_versions, by triggers),
//     whichever server, action, job, webhook, import or API call made it, so a copy is never served after a change;
//   - the person's claims are in the key because the data is read under their RLS: two people never share a copy,
//     and what they may see (staff, money, owner) is in it as well, so a change of role is a new copy;
//   - the day in the client's zone, because forecasts, flags and "this week" depend on today;
//   - the client row, which the pages show (its name, zone and settings move the version too).
// Everything a cached component renders must come from its key or from data read under it.
import type { Claims } from "@/lib/db";
import { localDate, type LocalDate } from "@/lib/domain/dates";
import type { ClientPage } from "@/lib/pages/access";
import type { ClientRow } from "@/lib/types/clients";
import type { MemberRole } from "@/lib/types/viewer";

export interface RenderKey {
  claims: Claims;
  client: ClientRow;
  dataVersion: number;
  day: LocalDate;
  isStaff: boolean;
  seesMoney: boolean;
  memberRole: MemberRole | null;
  /** The viewer's own time zone (the ledger shows times in it), null before they set one. */
  zone: string | null;
}

export function renderKey(access: ClientPage, now: Date): RenderKey {
  const { claims, client, dataVersion, isStaff, seesMoney, memberRole, viewer } = access;
  // Only the claims the database reads (lib/db/connection): nothing that changes within a session.
  const person: Claims = { sub: claims.sub, email: claims.email, role: claims.role, sid: claims.sid, session_id: claims.session_id };
  return { claims: person, client, dataVersion, day: localDate(now, client.timezone), isStaff, seesMoney, memberRole, zone: viewer.timezone };
}

/** What the pages' data functions need of the access check, rebuilt from a key inside a cached component. */
export function keyedAccess(key: RenderKey) {
  return { claims: key.claims, client: key.client, dataVersion: key.dataVersion, isStaff: key.isStaff };
}
