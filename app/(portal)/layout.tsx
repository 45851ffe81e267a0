import { PortalShell } from "@/components/shell/portal-shell";
import { ProfileFields } from "@/components/account/profile-fields";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { authorizeAccountPage } from "@/lib/pages/access";
import { viewPortalShell } from "@/lib/pages/portal-shell";
import { discardTimerAction, logEntryAction, startTimerAction, stopTimerAction, updateProfileAction } from "./actions";
import { clockNow } from "@/lib/platform/clock";

// Every page below re-checks access itself (and sends a staff member without two-step sign-in to /account); the
// layout only decides the navigation, so it authorizes as /account does.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const { viewer, logClients, timer, defaultCategory, askName, unread } = await viewPortalShell(await authorizeAccountPage(), clockNow());
  return (
    <PortalShell viewer={viewer} unread={unread} logClients={logClients} logAction={logEntryAction} defaultCategory={defaultCategory}
      timer={timer} timerActions={{ start: startTimerAction, stop: stopTimerAction, discard: discardTimerAction }}>
      {askName && (
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
