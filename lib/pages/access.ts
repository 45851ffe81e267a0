import "server-only";
// The one way a page authorizes: authorizePage(scope) for practice pages, authorizePage(scope, clientId) for
// a client's pages. Anyone without the scope gets the same 404 as for a page that does not exist (signed-out
// visitors go to /login), so a URL never reveals whether another tenant's client exists.
import { notFound, redirect } from "next/navigation";
import { getSession, sessionClientAccess, type Session } from "@/lib/auth/session";
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
  if (!session) redirect("/login");
  if (clientId === undefined) {
    if (!allowsPractice(scope as PracticeScope, session.viewer.staffRole)) notFound();
    return session;
  }
  if (!idField.safeParse(clientId).success) notFound();
  const access = await sessionClientAccess(session, clientId);
  if (!access) notFound();
  const memberRole = session.viewer.memberships.find((m) => m.clientId === clientId)?.role ?? null;
  const facts = { staffRole: session.viewer.staffRole, memberRole, isStaff: access.isStaff };
  if (!allowsClient(scope as ClientScope, facts)) notFound();
  return { ...session, ...access, memberRole, seesMoney: seesMoney(facts) };
}
