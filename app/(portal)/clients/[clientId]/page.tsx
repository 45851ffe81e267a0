import type { Metadata } from "next";
import { ClientOverview } from "@/components/clients/overview";
import { authorizePage } from "@/lib/pages/access";
import { viewOverview } from "@/lib/pages/overview";
import { clockNow } from "@/lib/platform/clock";

export const metadata: Metadata = { title: "Overview" };

// GET /clients/:clientId — the client's month at a glance.
export default async function ClientOverviewPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const access = await authorizePage("member", clientId);
  const data = await viewOverview(access, clockNow());
  return <ClientOverview client={access.client} data={data} isStaff={access.isStaff} seesMoney={access.seesMoney} />;
}
