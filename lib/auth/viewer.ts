import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { currentClaims } from "@/lib/auth";
import { asUser, type Claims } from "@/lib/db";
import { getClientAccess, worksFor, type ClientRow } from "@/lib/db/clients";
import { loadViewer, type Viewer } from "@/lib/db/viewer";
import { AppError, notFound as notFoundError } from "@/lib/errors";
import { clientIdField } from "@/lib/schemas";

export interface Session {
  claims: Claims;
  viewer: Viewer;
}

/** The signed-in person and what they belong to, once per request. */
export const getSession = cache(async (): Promise<Session | null> => {
  const claims = await currentClaims();
  if (!claims) return null;
  const viewer = await asUser(claims, (tx) => loadViewer(tx, claims.sub, claims.email));
  return { claims, viewer };
});

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

export interface ClientAccess extends Session {
  client: ClientRow;
  /** Works for this client (admin, or engineer assigned). */
  isStaff: boolean;
  memberRole: "owner" | "member" | null;
}

/**
 * The client a page is about, if the caller may see it. Anything else — a malformed id, another tenant's
 * id, an archived client of someone else — is the same 404.
 */
export const requireClientAccess = cache(async (clientId: string): Promise<ClientAccess> => {
  const session = await requireSession();
  if (!clientIdField.safeParse(clientId).success) notFound();
  const { client, isStaff } = await asUser(session.claims, (tx) => getClientAccess(tx, { clientId })).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const memberRole = session.viewer.memberships.find((m) => m.clientId === clientId)?.role ?? null;
  return { ...session, client, isStaff, memberRole };
});

/** For server actions: the caller's claims if signed in (an ended session is a clear, safe error). */
export async function actionSession(): Promise<Session> {
  const session = await getSession();
  if (!session) throw new AppError("forbidden", "Your session has ended. Sign in again; nothing was saved.");
  return session;
}

/** For server actions on a client: the caller must work for it; otherwise it is "not found". */
export async function staffSessionFor(clientId: string): Promise<Session> {
  const session = await actionSession();
  const ok = await asUser(session.claims, (tx) => worksFor(tx, { clientId }));
  if (!ok) throw notFoundError("That client");
  return session;
}

export async function adminSession(): Promise<Session> {
  const session = await actionSession();
  if (session.viewer.staffRole !== "admin") throw notFoundError("That page");
  return session;
}
