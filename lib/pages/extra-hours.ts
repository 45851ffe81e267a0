// A client's extra hours page (issue 23): every request with its decision, this month's ceiling, and what the
// request form offers (open months, the roadmap's items, the overage rate the hours are priced at by default).
import { asUser } from "@/lib/db";
import { getExtraHours, listExtraHours } from "@/lib/db/extra-hours";
import { closedMonths } from "@/lib/db/periods";
import { roadmapItemOptions } from "@/lib/db/roadmap";
import { addMonths } from "@/lib/domain/dates";
import { approvedCeiling } from "@/lib/domain/retainer";
import { checkDecisionLink, type LinkDecision } from "@/lib/extra-hours/link";
import { clientMonth } from "@/lib/hours/month";
import type { ClientPage } from "@/lib/pages/access";
import type { ExtraHoursRow } from "@/lib/types/extra-hours";

export async function viewExtraHours({ claims, client, memberRole, viewer }: ClientPage, now: Date) {
  return asUser(claims, async (tx) => {
    const [cm, requests, items, closed] = await Promise.all([
      clientMonth(tx, client, now), listExtraHours(tx, { clientId: client.id }), roadmapItemOptions(tx, { clientId: client.id }),
      closedMonths(tx, { clientId: client.id }),
    ]);
    const firstMonth = cm.terms[0]?.effectiveMonth ?? null;
    const closedSet = new Set(closed.map((c) => c.month));
    // Months a request may be for: open ones, from the retainer's first (or the one before now) to a year ahead.
    const months: string[] = [];
    if (firstMonth) {
      for (let m = addMonths(cm.currentMonth, -1); m <= addMonths(cm.currentMonth, 12); m = addMonths(m, 1)) {
        if (m >= firstMonth && !closedSet.has(m)) months.push(m);
      }
    }
    const s = cm.statement;
    return {
      requests,
      owner: memberRole === "owner",
      viewerId: viewer.userId,
      months,
      currentMonth: cm.currentMonth,
      items: items.filter((i) => i.status !== "dropped" && i.status !== "shipped"),
      rateCentsPerHour: s?.terms.overageRateCentsPerHour ?? null,
      ceiling: s ? { month: s.month, available: s.availableMinutes, preapproved: s.terms.overagePreapprovedMinutes, approved: s.approvedExtraMinutes ?? 0, total: approvedCeiling(s), used: s.usedMinutes } : null,
    };
  });
}

/** What a decision link from the owners' email (lib/extra-hours/link) leads to, for the signed-in reader. */
export type DecisionLinkView =
  | { state: "invalid" | "expired" | "missing" }
  | { state: "decided" | "open"; decision: LinkDecision; request: ExtraHoursRow; mayDecide: boolean; rateCentsPerHour: number | null };

export async function viewDecisionLink({ claims, client, memberRole, viewer }: ClientPage, params: { r?: string; d?: string; e?: string; t?: string }, now: Date): Promise<DecisionLinkView> {
  const link = checkDecisionLink(client.id, viewer.userId, params);
  if (!link.ok) return { state: link.reason };
  return asUser(claims, async (tx) => {
    const [request, cm] = await Promise.all([getExtraHours(tx, { clientId: client.id, requestId: link.requestId }), clientMonth(tx, client, now)]);
    if (!request) return { state: "missing" as const };
    return {
      state: request.status === "open" ? "open" as const : "decided" as const, decision: link.decision, request,
      mayDecide: memberRole === "owner" && request.status === "open" && request.requestedBy !== viewer.userId,
      rateCentsPerHour: cm.statement?.terms.overageRateCentsPerHour ?? null,
    };
  });
}
