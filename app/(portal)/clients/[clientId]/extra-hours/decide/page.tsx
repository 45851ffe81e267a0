import type { Metadata } from "next";
import Link from "next/link";
import { RequestList } from "@/components/extra-hours/request-list";
import { EmptyState } from "@/components/ui/card";
import { formatMinutes, formatMonth } from "@/lib/format";
import { authorizePage } from "@/lib/pages/access";
import { viewDecisionLink } from "@/lib/pages/extra-hours";
import { clockNow } from "@/lib/platform/clock";

export const metadata: Metadata = { title: "Decide on extra hours" };

const REFUSED = {
  invalid: ["This link is not yours to use", "It was sent to another owner, or it was changed on the way. Decide on the extra hours page instead."],
  expired: ["This link has expired", "Decision links work for 14 days. The request is on the extra hours page."],
  missing: ["That request could not be found", "It may belong to another client. The extra hours page lists this client's requests."],
} as const;

// GET /clients/:clientId/extra-hours/decide?r=…&d=approve|decline&e=…&t=… — where "Approve" and "Decline" in the
// owners' email lead (issue 23). Signed for one owner, one request and one decision (lib/extra-hours/link); the
// visitor signs in first (the proxy returns them here), and decides with the same form as the extra hours page.
export default async function DecideExtraHoursPage({ params, searchParams }: {
  params: Promise<{ clientId: string }>; searchParams: Promise<{ r?: string; d?: string; e?: string; t?: string }>;
}) {
  const { clientId } = await params;
  const access = await authorizePage("billing", clientId);
  const { client } = access;
  const v = await viewDecisionLink(access, await searchParams, clockNow());
  const back = <Link href={`/clients/${client.id}/extra-hours`} className="font-medium text-brand-700 hover:underline">All extra hours requests</Link>;
  if (!("request" in v)) {
    const [title, text] = REFUSED[v.state];
    return <EmptyState title={title} action={back}>{text}</EmptyState>;
  }
  const r = v.request;
  const what = `${formatMinutes(r.minutes)} of extra hours in ${formatMonth(r.month)}`;
  const zone = access.viewer.timezone ?? client.timezone;
  return (
    <div className="max-w-2xl space-y-4">
      <h2 className="text-lg font-semibold text-slate-900">
        {v.state === "open" ? (v.decision === "approve" ? `Approve ${what}?` : `Decline ${what}?`) : `${what}: already ${r.status}`}
      </h2>
      <p className="text-sm text-slate-600">
        {v.state === "open"
          ? v.mayDecide
            ? v.decision === "approve"
              ? `Approving raises ${formatMonth(r.month)}'s ceiling: the engineer may log into these hours without asking again. Add a PO number if your accounts need one.`
              : "Declining changes nothing on the invoice. A note tells the engineer why."
            : "Another owner decides: you asked for these hours yourself."
          : "A request is decided once. Here is how it was decided."}
      </p>
      <RequestList requests={[r]} owner={v.mayDecide} viewerId={access.viewer.userId} currency={client.currency} rateCentsPerHour={v.rateCentsPerHour} zone={zone} />
      <p className="text-sm">{back}</p>
    </div>
  );
}
