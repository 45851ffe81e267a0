import type { LogTimeClient } from "@/lib/types/hours";
import { PortalShell } from "@/components/shell/portal-shell";
import { authorizePage } from "@/lib/pages/access";
import { asUser } from "@/lib/db";
import { listClients } from "@/lib/db/clients";
import { openRoadmapItems } from "@/lib/db/roadmap";
import { localDate } from "@/lib/domain/dates";
import { logEntryAction } from "./clients/[clientId]/hours/actions";
import { signOutAction } from "../(auth)/login/actions";
import { clockNow } from "@/lib/platform/clock";

// Every page below re-checks access itself; the layout only decides the navigation.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const { claims, viewer } = await authorizePage("signed-in");
  const logClients = viewer.staffRole !== null ? await loggableClients(claims) : [];
  return (
    <PortalShell viewer={viewer} logClients={logClients} logAction={logEntryAction} signOutAction={signOutAction}>
      {children}
    </PortalShell>
  );
}
/** The clients this engineer can log time for, with "today" in each client's zone and its open items. */
async function loggableClients(claims: Parameters<typeof asUser>[0]): Promise<LogTimeClient[]> {
  const now = clockNow();
  return asUser(claims, async (tx) => {
    const clients = await listClients(tx);
    const items = clients.length ? await openRoadmapItems(tx, { clientIds: clients.map((c) => c.id) }) : [];
    return clients.map((c) => ({
      id: c.id,
      name: c.name,
      today: localDate(now, c.timezone),
      items: items.filter((i) => i.clientId === c.id).map(({ id, title }) => ({ id, title })),
    }));
  });
}
