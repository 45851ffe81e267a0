import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { currentClaims } from "@/lib/auth";
import { CLIENT_HINT_HEADER } from "@/lib/auth/client-hint";
import { asUser, type Claims, type Tx } from "@/lib/db";
import { getClientAccess, worksFor, type ClientAccessRow } from "@/lib/db/clients";
import { loadViewer, loadViewerWithAccess, type Viewer } from "@/lib/db/viewer";
import { AppError, notFound as notFoundError } from "@/lib/errors";
import { clientIdField } from "@/lib/schemas";

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
  const focus = hint && clientIdField.safeParse(hint).success ? hint : null;
  if (!focus) return { claims, viewer: await asUser(claims, (tx) => loadViewer(tx, claims.sub, claims.email)) };
  const { viewer, access } = await asUser(claims, (tx) => loadViewerWithAccess(tx, claims.sub, claims.email, focus));
  prefetchedAccess().set(focus, access);
  return { claims, viewer };
});

const nullIfNotFound = (e: unknown) => {
  if (e instanceof AppError && e.code === "not_found") return null;
  throw e;
};

export async function requireSession(): Promise<Session> {
  const session = await getSession();
  if (!session) redirect("/login");
  return session;
}

/** Staff pages: anyone else gets the same 404 as for a page that does not exist. */
export async function requireStaff(): Promise<Session> {
  const session = await requireSession();
  if (!session.viewer.staffRole) notFound();
  return session;
}

export async function requireAdmin(): Promise<Session> {
  const session = await requireSession();
  if (session.viewer.staffRole !== "admin") notFound();
  return session;
}

/** Where a person lands after signing in. */
export function homePath(viewer: Viewer): string {
  if (viewer.staffRole) return "/engineer";
  if (viewer.memberships.length > 0) return `/clients/${viewer.memberships[0].clientId}`;
  return "/no-access";
}

export interface ClientAccess extends Session, ClientAccessRow {
  memberRole: "owner" | "member" | null;
}

/**
 * The client a page is about, if the caller may see it. Anything else — a malformed id, another tenant's
 * id, an archived client of someone else — is the same 404.
 */
export const requireClientAccess = cache(async (clientId: string): Promise<ClientAccess> => {
  const session = await requireSession();
  if (!clientIdField.safeParse(clientId).success) notFound();
  const prefetched = prefetchedAccess();
  const access = prefetched.has(clientId)
    ? prefetched.get(clientId)!
    : await asUser(session.claims, (tx) => getClientAccess(tx, { clientId })).catch(nullIfNotFound);
  if (!access) notFound();
  const memberRole = session.viewer.memberships.find((m) => m.clientId === clientId)?.role ?? null;
  return { ...session, ...access, memberRole };
});

const sessionEnded = () => new AppError("forbidden", "Your session has ended. Sign in again; nothing was saved.");

/** For server actions: the caller's claims if signed in (an ended session is a clear, safe error). */
export async function actionSession(): Promise<Session> {
  const session = await getSession();
  if (!session) throw sessionEnded();
  return session;
}

/** For server actions: the caller's verified claims, without loading anything else. */
export async function actionClaims(): Promise<Claims> {
  const claims = await currentClaims();
  if (!claims) throw sessionEnded();
  return claims;
}

/** Inside an action's transaction: the caller must work for the client; otherwise it is "not found". */
export async function requireWorksFor(tx: Tx, clientId: string): Promise<void> {
  if (!(await worksFor(tx, { clientId }))) throw notFoundError("That client");
}

/** For server actions on a client: the caller's claims if they work for it; otherwise "not found". */
export async function staffSessionFor(clientId: string): Promise<{ claims: Claims }> {
  const claims = await actionClaims();
  await asUser(claims, (tx) => requireWorksFor(tx, clientId));
  return { claims };
}

export async function adminSession(): Promise<Session> {
  const session = await actionSession();
  if (session.viewer.staffRole !== "admin") throw notFoundError("That page");
  return session;
}
