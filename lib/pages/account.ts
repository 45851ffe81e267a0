// The account page's data: the signed-in person as they see themselves, how they are emailed, their API tokens,
// and the clients a new token may be limited to.
import type { Session } from "@/lib/auth/session";
import { asUser } from "@/lib/db";
import { listApiTokens, type ApiTokenRow } from "@/lib/db/api-tokens";
import { listClients } from "@/lib/db/clients";
import { emailModeOf } from "@/lib/db/notifications";
import type { EmailMode } from "@/lib/types/notifications";
import type { Viewer } from "@/lib/types/viewer";

export type { ApiTokenRow };

export interface AccountView {
  viewer: Viewer;
  /** Their role in the practice, for staff; null for a client's people. */
  role: "Practice admin" | "Engineer" | null;
  tokens: ApiTokenRow[];
  clients: { id: string; name: string }[];
  /** How they hear of notifications by email. */
  emailMode: EmailMode;
}

export async function viewAccount({ claims, viewer }: Session): Promise<AccountView> {
  const [tokens, clients, emailMode] = await asUser(claims, (tx) => Promise.all([listApiTokens(tx), listClients(tx), emailModeOf(tx)]));
  return {
    viewer,
    role: viewer.staffRole === "admin" ? "Practice admin" : viewer.staffRole === "engineer" ? "Engineer" : null,
    tokens,
    clients: clients.map((c) => ({ id: c.id, name: c.name })),
    emailMode,
  };
}
