import type { Metadata } from "next";
import { ClientOverview } from "@/components/clients/overview";
import { requireClientAccess } from "@/lib/auth/viewer";
import { viewOverview } from "@/lib/page-data";
import { clockNow } from "@/lib/clock";

export const metadata: Metadata = { title: "Overview" };

// GET /clients/:clientId — the client's month at a glance.
export default async function ClientOverviewPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const access = await requireClientAccess(clientId);
  const { client, isStaff, memberRole } = access;
  const data = await viewOverview(access, clockNow());
  return <ClientOverview client={client} data={data} isStaff={isStaff} seesMoney={isStaff || memberRole === "owner"} />;
}
