import type { Tx } from "@/lib/db";

export type StaffRole = "admin" | "engineer";
export type MemberRole = "owner" | "member";

export interface Membership {
  clientId: string;
  clientName: string;
  role: MemberRole;
}

export interface Viewer {
  userId: string;
  email: string;
  fullName: string;
  staffRole: StaffRole | null;
  memberships: Membership[];
}

/** Who the caller is inside the portal: staff role and client memberships (read under RLS). */
export async function loadViewer(tx: Tx, userId: string, email: string): Promise<Viewer> {
  const [profile] = await tx<{ full_name: string; staff_role: StaffRole | null }[]>`
    select p.full_name, s.role as staff_role
    from public.profiles p left join public.staff s on s.user_id = p.id
    where p.id = ${userId}`;
  const memberships = await tx<{ client_id: string; name: string; role: MemberRole }[]>`
    select cm.client_id, c.name, cm.role
    from public.client_members cm join public.clients c on c.id = cm.client_id
    where cm.user_id = ${userId} and c.archived_at is null
    order by c.name`;
  return {
    userId,
    email,
    fullName: profile?.full_name ?? "",
    staffRole: profile?.staff_role ?? null,
    memberships: memberships.map((m) => ({ clientId: m.client_id, clientName: m.name, role: m.role })),
  };
}
