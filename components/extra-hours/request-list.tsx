// The requests of a client (issue 23): each with what it is for, its price, who asked and what was decided; an
// owner decides an open request (with an optional PO number or note), whoever asked (or staff) withdraws it.
import { ActionForm, SubmitButton, TextField } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/card";
import { formatInstant, formatMinutes, formatMoney, formatMonth } from "@/lib/format";
import type { ExtraHoursRow, ExtraHoursStatus } from "@/lib/types/extra-hours";
import { decideExtraHoursAction, withdrawExtraHoursAction } from "@/app/(portal)/clients/[clientId]/extra-hours/actions";

const TONE: Record<ExtraHoursStatus, "amber" | "green" | "slate" | "red"> = { open: "amber", approved: "green", declined: "red", withdrawn: "slate", lapsed: "slate" };
const LABEL: Record<ExtraHoursStatus, string> = { open: "Waiting for an owner", approved: "Approved", declined: "Declined", withdrawn: "Withdrawn", lapsed: "Lapsed: its month closed" };

export function RequestList({ requests, owner, viewerId, currency, rateCentsPerHour, zone }: {
  requests: ExtraHoursRow[]; owner: boolean; viewerId: string; currency: string; rateCentsPerHour: number | null; zone: string;
}) {
  return (
    <ul className="space-y-4" aria-label="Extra hours requests">
      {requests.map((r) => {
        const price = r.quotedCents !== null
          ? `${formatMoney(r.quotedCents, currency)} quoted for the block (billed for the part used)`
          : rateCentsPerHour !== null ? `at the overage rate, ${formatMoney(rateCentsPerHour, currency)} an hour` : "at the overage rate";
        const mayDecide = owner && r.status === "open" && r.requestedBy !== viewerId;
        const mayWithdraw = r.status === "open" && (!owner || r.requestedBy === viewerId);
        return (
          <li key={r.id} id={`r-${r.id}`} className="scroll-mt-24 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <h3 className="font-semibold text-slate-900">{formatMinutes(r.minutes)} extra in {formatMonth(r.month)}</h3>
                <p className="text-sm text-slate-600">{price}{r.roadmapTitle ? ` · for “${r.roadmapTitle}”` : ""}</p>
              </div>
              <Badge tone={TONE[r.status]}>{LABEL[r.status]}</Badge>
            </div>
            <p className="mt-3 whitespace-pre-line break-words text-sm text-slate-800">{r.reason}</p>
            <p className="mt-2 text-xs text-slate-500">
              Asked by {r.requestedByName} on {formatInstant(r.requestedAt, zone)}
              {r.decidedAt && r.decidedByName && ` · ${r.status === "approved" ? "approved" : "declined"} by ${r.decidedByName} on ${formatInstant(r.decidedAt, zone)}`}
              {r.poNumber && ` · PO ${r.poNumber}`}
            </p>
            {r.decisionNote && <p className="mt-1 text-sm italic text-slate-700">{r.decisionNote}</p>}
            {mayDecide && (
              <ActionForm action={decideExtraHoursAction} ariaLabel={`Decide on ${formatMinutes(r.minutes)} in ${formatMonth(r.month)}`} className="mt-4 space-y-3 border-t border-slate-100 pt-4">
                <input type="hidden" name="clientId" value={r.clientId} />
                <input type="hidden" name="requestId" value={r.id} />
                <div className="grid gap-3 sm:grid-cols-2">
                  <TextField name="poNumber" label="PO number (optional)" hint="Printed with the approval; for your accounts." maxLength={100} />
                  <TextField name="note" label="Note (optional)" maxLength={1000} />
                </div>
                <div className="flex flex-wrap gap-3">
                  <SubmitButton name="decision" value="approve" pendingLabel="Approving…">{`Approve ${formatMinutes(r.minutes)}`}</SubmitButton>
                  <SubmitButton name="decision" value="decline" variant="secondary" pendingLabel="Declining…">Decline</SubmitButton>
                </div>
              </ActionForm>
            )}
            {mayWithdraw && (
              <ActionForm action={withdrawExtraHoursAction} ariaLabel={`Withdraw ${formatMinutes(r.minutes)} in ${formatMonth(r.month)}`} className="mt-3">
                <input type="hidden" name="clientId" value={r.clientId} />
                <input type="hidden" name="requestId" value={r.id} />
                <SubmitButton variant="secondary" pendingLabel="Withdrawing…">Withdraw the request</SubmitButton>
              </ActionForm>
            )}
          </li>
        );
      })}
    </ul>
  );
}
