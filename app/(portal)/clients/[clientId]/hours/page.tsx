import type { Metadata } from "next";
import { Ledger } from "@/components/hours/ledger";
import { authorizePage } from "@/lib/pages/access";
import { ledgerCursor, ledgerFilter, viewLedger } from "@/lib/pages/ledger";
import { adjustEntryAction, answerQuestionAction, askQuestionAction, bulkEntriesAction, editEntryAction, voidEntryAction } from "./actions";
import { clockNow } from "@/lib/platform/clock";

export const metadata: Metadata = { title: "Hours" };

// GET /clients/:clientId/hours — every entry of a month, filterable, 100 at a time, with totals and a CSV export.
export default async function HoursPage({ params, searchParams }: {
  params: Promise<{ clientId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { clientId } = await params;
  const access = await authorizePage("member", clientId);
  const query = await searchParams;
  const data = await viewLedger(access, ledgerFilter(query), clockNow(), ledgerCursor(query));
  // Not a `"use cache"` component as the dashboard is: a page of up to 100 rows is the largest output of the four
  // (~280 kB), whose copy cost every miss ~15% (bench, the 200,000-entry month) and gained nothing measurable on a hit.
  // Its first page is kept whole by the response cache (lib/platform/response-cache.mjs); its data by lib/pages/cache.
  return (
    <Ledger
      clientId={clientId} data={data} isStaff={access.isStaff}
      actions={{ edit: editEntryAction, void: voidEntryAction, adjust: adjustEntryAction, question: askQuestionAction, answer: answerQuestionAction, bulk: bulkEntriesAction }}
      viewer={{ id: access.viewer.userId, owner: access.memberRole === "owner", zone: access.viewer.timezone ?? access.client.timezone }}
    />
  );
}
