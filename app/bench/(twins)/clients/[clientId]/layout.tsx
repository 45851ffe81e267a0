import { ClientHeader } from "@/components/clients/client-header";
import { fixtureFor } from "./fixture";

export default async function BenchClientLayout({ children, params }: { children: React.ReactNode; params: Promise<{ clientId: string }> }) {
  const { client, seesMoney } = await fixtureFor(params);
  return (
    <>
      <ClientHeader client={client} seesMoney={seesMoney} />
      {children}
    </>
  );
}
