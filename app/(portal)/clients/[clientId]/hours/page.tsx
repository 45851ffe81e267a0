import type { Metadata } from "next";
import { Ledger } from "@/components/hours/ledger";
import { authorizePage } from "@/lib/pages/access";
import { viewLedger } from "@/lib/pages/ledger";
import { entryFilterSchema } from "@/lib/hours/schemas";
import { adjustEntryAction, editEntryAction, voidEntryAction } from "./actions";
import { clockNow } from "@/lib/platform/clock";

export const metadata: Metadata = { title: "Hours" };

// GET /clients/:clientId/hours — every entry of a month, filterable, with totals and a CSV export.
export default async function HoursPage({ params, searchParams }: {
  params: Promise<{ clientId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { clientId } = await params;
  const access = await authorizePage("member", clientId);
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const data = await viewLedger(access, entryFilterSchema.parse(raw), clockNow());
  return <Ledger clientId={clientId} data={data} isStaff={access.isStaff} actions={{ edit: editEntryAction, void: voidEntryAction, adjust: adjustEntryAction }} />;
}
