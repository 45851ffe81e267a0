// The person's live sessions on /account: this browser first-class, every other one with an End button.
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/card";
import { deviceLabel } from "@/lib/domain/device";
import { formatInstant } from "@/lib/format";
import type { OwnSessionRow } from "@/lib/types/security";

type ServerAction = Parameters<typeof ActionForm>[0]["action"];

export function SessionList({ sessions, zone, endOne, endOthers, recent }: {
  sessions: OwnSessionRow[]; zone: string; endOne: ServerAction; endOthers: ServerAction;
  /** Signed in recently enough to end other sessions (a stolen session must not end the owner's). */
  recent: boolean;
}) {
  const others = sessions.filter((s) => !s.current).length;
  return (
    <>
      <ul className="divide-y divide-slate-100" aria-label="Your sessions">
        {sessions.map((s) => {
          const device = deviceLabel(s.userAgent);
          return (
            <li key={s.id} className="flex flex-col gap-2 py-3 text-sm first:pt-0 sm:flex-row sm:items-start sm:justify-between">
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-1.5 font-medium text-slate-900">
                  {device} {s.current && <Badge tone="green">This browser</Badge>} {s.aal === "aal2" && <Badge tone="brand">Two-step</Badge>}
                </p>
                <p className="text-xs text-slate-600">
                  {s.ip ? <>From {s.ip}</> : "Address unknown"} · signed in {formatInstant(s.createdAt, zone)}
                </p>
                <p className="text-xs text-slate-500">
                  {s.current ? "In use now" : `Last used ${formatInstant(s.lastSeenAt, zone)}`} · ends by {formatInstant(s.expiresAt, zone, { dateStyle: "medium" })}
                </p>
              </div>
              {!s.current && recent && (
                <ActionForm action={endOne} className="shrink-0" showSuccess={false}>
                  <input type="hidden" name="sessionId" value={s.id} />
                  <SubmitButton variant="secondary" pendingLabel="Ending…" ariaLabel={`End the session of ${device}, signed in ${formatInstant(s.createdAt, zone)}`}>End</SubmitButton>
                </ActionForm>
              )}
            </li>
          );
        })}
      </ul>
      {others > 0 && !recent ? (
        <p className="mt-4 rounded-md bg-slate-50 p-3 text-sm text-slate-700 ring-1 ring-inset ring-slate-200">
          For your safety, ending another session needs a sign-in within the last 30 minutes: sign out, sign in again, and come back here.
          Or use Sign out everywhere below, which ends them all, this one included.
        </p>
      ) : others > 0 ? (
        <ActionForm action={endOthers} ariaLabel="End every other session" className="mt-4 border-t border-slate-100 pt-4">
          <SubmitButton variant="secondary" pendingLabel="Ending…">End {others === 1 ? "the other session" : `all ${others} other sessions`}</SubmitButton>
        </ActionForm>
      ) : (
        <p className="mt-3 text-sm text-slate-600">You are signed in on this browser only.</p>
      )}
    </>
  );
}
