import type { Metadata } from "next";
import { ClientOverview } from "@/components/clients/overview";
import { authorizePage } from "@/lib/pages/access";
import { viewOverview } from "@/lib/pages/overview";
import { keyedAccess, renderKey, type RenderKey } from "@/lib/pages/rendered";
import { clockNow } from "@/lib/platform/clock";

export const metadata: Metadata = { title: "Overview" };

// GET /clients/:clientId — the client's month at a glance.
export default async function ClientOverviewPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  return <Overview {...renderKey(await authorizePage("member", clientId), clockNow())} />;
}

/** Rendered once per person, client, data version and day (lib/pages/rendered). */
async function Overview(key: RenderKey) {
  "use cache";
  const data = await viewOverview(keyedAccess(key), clockNow());
  return <ClientOverview client={key.client} data={data} isStaff={key.isStaff} seesMoney={key.seesMoney} />;
}
