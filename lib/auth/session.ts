import "server-only";
// The signed-in person for this request: verified claims (lib/auth) and who they are in the portal (staff
// role, memberships), read once per request under their own RLS. Pages authorize with lib/pages/access;
// commands with lib/commands/execute.
import { headers } from "next/headers";
import { cache } from "react";
import { currentClaims, noteSessionUse } from "@/lib/auth";
import { isDemoAccount } from "@/lib/auth/demo-accounts";
import { mustSetUpTwoStep } from "@/lib/domain/two-step";
import { authProvider, env } from "@/lib/platform/env";
import { accessRefused } from "@/lib/auth/events";
import { CLIENT_HINT_HEADER } from "@/lib/auth/client-hint";
import { asUser, type Claims } from "@/lib/db";
import { getClientAccess, type ClientAccessRow } from "@/lib/db/clients";
import { loadViewer, loadViewerWithAccess } from "@/lib/db/viewer";
import { idField } from "@/lib/schemas/fields";
import type { Viewer } from "@/lib/types/viewer";

export interface Session {
  claims: Claims;
  viewer: Viewer;
}

/** Per request: client access read together with the session (see getSession). */
const prefetchedAccess = cache(() => new Map<string, ClientAccessRow | null>());

/**
 * The signed-in person and what they belong to, once per request. On a client's pages (the proxy names
 * the client in CLIENT_HINT_HEADER) the same transaction also reads the caller's access to that client,
 * under the caller's RLS, so a page view costs one transaction. The hint only chooses what to read early.
 */
export const getSession = cache(async (): Promise<Session | null> => {
  const claims = await currentClaims();
  if (!claims) return null;
  const hint = (await headers()).get(CLIENT_HINT_HEADER);
  const focus = hint && idField.safeParse(hint).success ? hint : null;
  if (!focus) {
    const viewer = await asUser(claims, (tx) => loadViewer(tx, { userId: claims.sub, email: claims.email }));
    if (!viewer.sessionLive) return endedSession(claims); // an ended session is signed out
    await noteSessionUse(claims);
    return { claims, viewer };
  }
  const { viewer, access } = await asUser(claims, (tx) => loadViewerWithAccess(tx, { userId: claims.sub, email: claims.email, clientId: focus }));
  if (!viewer.sessionLive) return endedSession(claims);
  await noteSessionUse(claims);
  prefetchedAccess().set(focus, access);
  return { claims, viewer };
});

/** Whether this browser holds a live session (no record is made either way: signing out asks this of its own). */
export async function hasLiveSession(): Promise<boolean> {
  const claims = await currentClaims();
  if (!claims) return false;
  return (await asUser(claims, (tx) => loadViewer(tx, { userId: claims.sub, email: claims.email }))).sessionLive;
}

/** Where a page sends a browser whose session has ended: /logout clears what it kept (ASVS 14.3.1), then /login. */
export const SIGNED_OUT_PATH = "/logout";

/** A signed cookie whose session has ended (signed out, ended, access removed): a stolen copy, or an old tab. On record. */
async function endedSession(claims: Claims): Promise<null> {
  await accessRefused({ userId: claims.sub, what: "ended session", detail: "a session that has ended" });
  return null;
}

/** The caller's access to one client (null if RLS hides it), from the session's read when it was prefetched. */
export const sessionClientAccess = cache(async (session: Session, clientId: string): Promise<ClientAccessRow | null> => {
  const prefetched = prefetchedAccess();
  if (prefetched.has(clientId)) return prefetched.get(clientId)!;
  return asUser(session.claims, (tx) => getClientAccess(tx, { clientId }));
});

/** Where a person lands after signing in. */
export function homePath(viewer: Viewer): string {
  if (viewer.staffRole) return "/engineer";
  if (viewer.memberships.length > 0) return `/clients/${viewer.memberships[0].clientId}`;
  return "/no-access";
}

/** Whether this staff member must set up two-step sign-in before anything else (lib/domain/two-step). */
export function needsTwoStepFirst(viewer: Viewer): boolean {
  const ruleApplies = authProvider() === "local" && !(env().DEMO_MODE === "1" && isDemoAccount(viewer.email));
  return mustSetUpTwoStep(viewer, { ruleApplies });
}
