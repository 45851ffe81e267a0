import "server-only";
// The one way a page authorizes: authorizePage(scope) for practice pages, authorizePage(scope, clientId) for
// a client's pages. Anyone without the scope gets the same 404 as for a page that does not exist (signed-out
// visitors go to /login, through /logout when their session ended elsewhere), so a URL never reveals whether
// another tenant's client exists.
import { notFound, redirect } from "next/navigation";
import { getSession, needsTwoStepFirst, sessionClientAccess, SIGNED_OUT_PATH, type Session } from "@/lib/auth/session";
import { TWO_STEP_SETUP_PATH } from "@/lib/domain/two-step";
import { accessRefused } from "@/lib/auth/events";
import type { ClientAccessRow } from "@/lib/db/clients";
import { allowsClient, allowsPractice, seesMoney, type ClientScope, type PracticeScope } from "@/lib/domain/access";
import { idField } from "@/lib/schemas/fields";
import type { MemberRole } from "@/lib/types/viewer";

export interface ClientPage extends Session, ClientAccessRow {
  memberRole: MemberRole | null;
  /** Fees, overage amounts and invoices are shown (owners and the client's staff). */
  seesMoney: boolean;
}

export function authorizePage(scope: PracticeScope): Promise<Session>;
export function authorizePage(scope: ClientScope, clientId: string): Promise<ClientPage>;
export async function authorizePage(scope: PracticeScope | ClientScope, clientId?: string): Promise<Session | ClientPage> {
  const session = await getSession();
  if (!session) redirect(SIGNED_OUT_PATH);
  if (clientId === undefined) {
    if (!allowsPractice(scope as PracticeScope, session.viewer.staffRole)) return refuse(session, null, scope);
    if (needsTwoStepFirst(session.viewer)) redirect(TWO_STEP_SETUP_PATH);
    return session;
  }
  if (!idField.safeParse(clientId).success) notFound();
  const access = await sessionClientAccess(session, clientId);
  if (!access) return refuse(session, clientId, scope);
  const memberRole = session.viewer.memberships.find((m) => m.clientId === clientId)?.role ?? null;
  const facts = { staffRole: session.viewer.staffRole, memberRole, isStaff: access.isStaff };
  if (!allowsClient(scope as ClientScope, facts)) return refuse(session, clientId, scope);
  if (needsTwoStepFirst(session.viewer)) redirect(TWO_STEP_SETUP_PATH);
  return { ...session, ...access, memberRole, seesMoney: seesMoney(facts) };
}

/**
 * /account: any signed-in person, including a staff member who must set up two-step sign-in first (every other
 * page sends them here, lib/domain/two-step).
 */
export async function authorizeAccountPage(): Promise<Session & { twoStepFirst: boolean }> {
  const session = await getSession();
  if (!session) redirect(SIGNED_OUT_PATH);
  return { ...session, twoStepFirst: needsTwoStepFirst(session.viewer) };
}

/** The 404 of a page outside the person's access, on record (lib/auth/events). */
async function refuse(session: Session, clientId: string | null, scope: string): Promise<never> {
  // The client id is kept only as words: it may name no client at all (a guess), which the column could not hold.
  await accessRefused({ userId: session.viewer.userId, what: "page", detail: `page (${scope})${clientId ? ` of client ${clientId}` : ""}` });
  notFound();
}
