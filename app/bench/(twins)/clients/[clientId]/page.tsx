import type { Metadata } from "next";
import { ClientOverview } from "@/components/clients/overview";
import { fixtureFor } from "./fixture";

export const metadata: Metadata = { title: "Overview" };

// The owner dashboard's twin: app/(portal)/clients/[clientId]/page.tsx without the database.
export default async function BenchOverview({ params }: { params: Promise<{ clientId: string }> }) {
  const { client, overview, seesMoney } = await fixtureFor(params);
  return <ClientOverview client={client} data={overview} isStaff={false} seesMoney={seesMoney} />;
}
