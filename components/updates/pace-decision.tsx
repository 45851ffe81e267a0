// Beside an update that warns the month is on pace to go past its hours (issue 23): the extra hours asked for that
// month and what became of them, with the way to decide (owners) or to ask (the engineer), so the warning's
// question is answered in the portal, not by email.
import Link from "next/link";
import { formatMinutes, formatMonth } from "@/lib/format";
import type { ExtraHoursRow } from "@/lib/types/extra-hours";

const STATUS: Record<ExtraHoursRow["status"], string> = { open: "waiting for an owner", approved: "approved", declined: "declined", withdrawn: "withdrawn", lapsed: "lapsed" };

export function PaceDecision({ clientId, month, requests, role }: { clientId: string; month: string; requests: ExtraHoursRow[]; role: "staff" | "owner" | "member" }) {
  const page = `/clients/${clientId}/extra-hours`;
  return (
    <aside aria-label={`Extra hours in ${formatMonth(month)}`} className="mt-4 rounded-md bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-inset ring-amber-200">
      <p className="font-medium">Extra hours in {formatMonth(month)}</p>
      {requests.length > 0 ? (
        <ul className="mt-1 space-y-1">
          {requests.map((r) => (
            <li key={r.id}>
              <Link href={`${page}#r-${r.id}`} className="font-medium underline">{formatMinutes(r.minutes)} asked by {r.requestedByName}</Link>
              {`: ${STATUS[r.status]}.`}
              {r.status === "open" && role === "owner" && " Approve or decline it there."}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1">
          {role === "staff" && <>No extra hours asked for yet. <Link href={page} className="font-medium underline">Ask the owners for extra hours</Link> before going past the included hours.</>}
          {role === "owner" && <>Nothing asked for yet. To let the work continue past the included hours, <Link href={page} className="font-medium underline">approve extra hours in advance</Link>; otherwise the engineer slows down.</>}
          {role === "member" && "Nothing asked for yet: the owners decide whether the work continues past the included hours."}
        </p>
      )}
    </aside>
  );
}
