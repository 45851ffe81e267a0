import { ClientHeader } from "@/components/clients/client-header";
import { requireClientAccess } from "@/lib/auth/viewer";

export default async function ClientLayout({ children, params }: { children: React.ReactNode; params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const { client, isStaff, memberRole } = await requireClientAccess(clientId);
  return (
    <>
      <ClientHeader client={client} seesMoney={isStaff || memberRole === "owner"} />
      {children}
    </>
  );
}
