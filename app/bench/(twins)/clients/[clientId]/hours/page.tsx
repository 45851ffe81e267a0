import type { Metadata } from "next";
import { Ledger } from "@/components/hours/ledger";
import { fixtureFor } from "../fixture";

export const metadata: Metadata = { title: "Hours" };

// The ledger's twin: app/(portal)/clients/[clientId]/hours/page.tsx without the database.
export default async function BenchLedger({ params }: { params: Promise<{ clientId: string }> }) {
  const { client, ledger } = await fixtureFor(params);
  return <Ledger clientId={client.id} data={ledger} isStaff={false} />;
}
