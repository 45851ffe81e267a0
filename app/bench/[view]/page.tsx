import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClientHeader } from "@/components/clients/client-header";
import { ClientOverview } from "@/components/clients/overview";
import { Ledger } from "@/components/hours/ledger";
import { PortalShell } from "@/components/shell/portal-shell";
import { benchFixture } from "@/lib/bench-fixture";
import { logEntryAction } from "../../(portal)/clients/[clientId]/hours/actions";
import { signOutAction } from "../../(auth)/login/actions";

// GET /bench/dashboard, /bench/ledger — the owner dashboard and ledger rendered from the benchmark's
// in-memory fixture (lib/bench-fixture). A 404 unless the server was started with RP_BENCH_FIXTURE.

const titles: Record<string, string> = { dashboard: "Overview", ledger: "Hours" };

export async function generateMetadata({ params }: { params: Promise<{ view: string }> }): Promise<Metadata> {
  return { title: titles[(await params).view] };
}

export default async function BenchTwin({ params }: { params: Promise<{ view: string }> }) {
  const { view } = await params;
  const fixture = benchFixture();
  if (!fixture || !(view in titles)) notFound();
  const { viewer, client, overview, ledger } = fixture;
  const memberRole = viewer.memberships.find((m) => m.clientId === client.id)?.role;
  const seesMoney = memberRole === "owner";
  return (
    <PortalShell viewer={viewer} logClients={[]} logAction={logEntryAction} signOutAction={signOutAction}>
      <ClientHeader client={client} seesMoney={seesMoney} />
      {view === "dashboard"
        ? <ClientOverview client={client} data={overview} isStaff={false} seesMoney={seesMoney} />
        : <Ledger clientId={client.id} data={ledger} isStaff={false} />}
    </PortalShell>
  );
}
