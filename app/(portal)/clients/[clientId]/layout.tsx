import { ClientHeader } from "@/components/clients/client-header";
import { authorizePage } from "@/lib/pages/access";

export default async function ClientLayout({ children, params }: { children: React.ReactNode; params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const { client, seesMoney } = await authorizePage("member", clientId);
  return (
    <>
      <ClientHeader client={client} seesMoney={seesMoney} />
      {children}
    </>
  );
}
