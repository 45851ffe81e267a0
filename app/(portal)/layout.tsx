import type { LogTimeClient } from "@/lib/types/hours";
import { PortalShell } from "@/components/shell/portal-shell";
import { ProfileFields } from "@/components/account/profile-fields";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { authorizePage } from "@/lib/pages/access";
import { asUser } from "@/lib/db";
import { listClients } from "@/lib/db/clients";
import { openRoadmapItems } from "@/lib/db/roadmap";
import { localDate } from "@/lib/domain/dates";
import { logEntryAction, signOutAction, updateProfileAction } from "./actions";
import { clockNow } from "@/lib/platform/clock";

// Every page below re-checks access itself; the layout only decides the navigation.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const { claims, viewer } = await authorizePage("signed-in");
  const logClients = viewer.staffRole !== null ? await loggableClients(claims) : [];
  return (
    <PortalShell viewer={viewer} logClients={logClients} logAction={logEntryAction} signOutAction={signOutAction}>
      {!viewer.fullName && viewer.sessionLive && (
        // Someone new (invited, or a first sign-in): ask their name once, on whatever page they landed.
        <section aria-labelledby="welcome-title" className="mb-6 rounded-lg bg-brand-50 p-4 ring-1 ring-brand-200 sm:p-5">
          <h2 id="welcome-title" className="font-semibold text-slate-900">Welcome! What should we call you?</h2>
          <p className="mt-1 text-sm text-slate-700">The people you work with see your name instead of your email address.</p>
          <ActionForm action={updateProfileAction} ariaLabel="Your name" className="mt-3 space-y-3">
            <ProfileFields fullName="" timezone={viewer.timezone} />
            <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
          </ActionForm>
        </section>
      )}
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
