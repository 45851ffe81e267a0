import type { Metadata } from "next";
import { RequestForm } from "@/components/extra-hours/request-form";
import { RequestList } from "@/components/extra-hours/request-list";
import { Card, EmptyState } from "@/components/ui/card";
import { formatMinutes, formatMonth } from "@/lib/format";
import { authorizePage } from "@/lib/pages/access";
import { viewExtraHours } from "@/lib/pages/extra-hours";
import { clockNow } from "@/lib/platform/clock";

export const metadata: Metadata = { title: "Extra hours" };

// GET /clients/:clientId/extra-hours — owners and the client's staff (issue 23): extra hours asked for a month,
// approved in advance by an owner, and what this month allows with them.
export default async function ExtraHoursPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const access = await authorizePage("billing", clientId);
  const { client } = access;
  const v = await viewExtraHours(access, clockNow());
  const zone = access.viewer.timezone ?? client.timezone;
  const c = v.ceiling;
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
      <div className="space-y-4 lg:col-span-2">
        {c && (
          <p className="rounded-lg bg-white p-4 text-sm text-slate-700 shadow-sm ring-1 ring-slate-200">
            <strong className="font-semibold text-slate-900">{formatMonth(c.month)}</strong>: {formatMinutes(c.used)} used of {formatMinutes(c.available)} available
            {c.preapproved > 0 && `, ${formatMinutes(c.preapproved)} of overage pre-approved in the terms`}
            {c.approved > 0 && `, ${formatMinutes(c.approved)} of extra hours approved`}
            . Logging past {formatMinutes(c.total)} asks the engineer to confirm.
          </p>
        )}
        {v.requests.length === 0 ? (
          <EmptyState title="No extra hours asked for yet">
            When a month needs more than the retainer allows (a larger build), the engineer asks here and an owner approves it in advance: no surprises on the invoice.
          </EmptyState>
        ) : (
          <RequestList requests={v.requests} owner={v.owner} viewerId={v.viewerId} currency={client.currency} rateCentsPerHour={v.rateCentsPerHour} zone={zone} />
        )}
      </div>
      <Card title={v.owner ? "Approve extra hours" : "Ask for extra hours"}>
        {v.months.length === 0 ? (
          <p className="text-sm text-slate-600">Set the retainer terms first: extra hours are added to a retainer month.</p>
        ) : (
          <RequestForm clientId={clientId} owner={v.owner} months={v.months} currentMonth={v.currentMonth} items={v.items}
            rateCentsPerHour={v.rateCentsPerHour} currency={client.currency} />
        )}
      </Card>
    </div>
  );
}
