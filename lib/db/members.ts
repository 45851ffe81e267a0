// The people of a client: its members (owners and members) and its assigned engineers, as mail recipients.
import type { Tx } from "@/lib/db";

/** Who hears about a client's usage: its owners (owner: true) and its assigned engineers. */
export function alertRecipients(tx: Tx, { clientId }: { clientId: string }) {
  return tx<{ email: string; owner: boolean }[]>`
    select p.email, true as owner from public.client_members cm join public.profiles p on p.id = cm.user_id
    where cm.client_id = ${clientId} and cm.role = 'owner'
    union
    select p.email, false from public.client_engineers ce join public.profiles p on p.id = ce.user_id
    where ce.client_id = ${clientId}`;
}
