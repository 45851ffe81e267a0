import type { Metadata } from "next";
import { Ledger } from "@/components/hours/ledger";
import { authorizePage } from "@/lib/pages/access";
import { ledgerCursor, ledgerFilter, viewLedger } from "@/lib/pages/ledger";
import { keyedAccess, renderKey, type RenderKey } from "@/lib/pages/rendered";
import type { LedgerCursor, LedgerFilter } from "@/lib/types/pages";
import { adjustEntryAction, answerQuestionAction, askQuestionAction, editEntryAction, voidEntryAction } from "./actions";
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
  const key = renderKey(access, clockNow());
  const filter = ledgerFilter(query);
  const at = ledgerCursor(query);
  // The first page of a view is what people open; the older pages render from the cached data alone.
  return at.after || at.before ? <LedgerPage view={key} filter={filter} at={at} /> : <FirstLedgerPage view={key} filter={filter} />;
}

/** Rendered once per person, client, data version, day and filter (lib/pages/rendered). */
async function FirstLedgerPage({ view, filter }: { view: RenderKey; filter: LedgerFilter }) {
  "use cache";
  return <LedgerPage view={view} filter={filter} at={{}} />;
}

async function LedgerPage({ view, filter, at }: { view: RenderKey; filter: LedgerFilter; at: LedgerCursor }) {
  const data = await viewLedger(keyedAccess(view), filter, clockNow(), at);
  return (
    <Ledger
      clientId={view.client.id} data={data} isStaff={view.isStaff}
      actions={{ edit: editEntryAction, void: voidEntryAction, adjust: adjustEntryAction, question: askQuestionAction, answer: answerQuestionAction }}
      viewer={{ id: view.claims.sub, owner: view.memberRole === "owner", zone: view.zone ?? view.client.timezone }}
    />
  );
}
