// What the engineer reads before logging past the owner's pre-approved overage (the log-time dialog, the running
// timer, the week grid): the month's billable overage with this entry, its amount, and how much of it the owner
// has not approved. The buttons are the caller's (log it anyway, cancel or keep running).
import type { LogOutcome } from "@/lib/types/hours";

export function OverageWarning({ warning, clientName, className = "", children }: {
  warning: Extract<LogOutcome, { status: "needs_confirmation" }>;
  /** Named when the screen shows several clients (the week grid). */
  clientName?: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div role="alert" className={`rounded-md bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-inset ring-amber-200 ${className}`}>
      <p className="font-medium">This goes past {clientName ? `${clientName}'s` : "the"} pre-approved overage.</p>
      <p className="mt-1">
        With this entry the month has <strong>{warning.overage}</strong> of billable overage ({warning.amount}),{" "}
        {warning.unapproved} more than the {warning.preapproved} the owner pre-approved.
      </p>
      <div className="mt-3 flex gap-2">{children}</div>
    </div>
  );
}
