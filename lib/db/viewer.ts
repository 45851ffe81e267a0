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

/** Who the caller is inside the portal: staff role and client memberships (read under RLS), in one query. */
export async function loadViewer(tx: Tx, userId: string, email: string): Promise<Viewer> {
  const [row] = await tx<{ fullName: string | null; staffRole: StaffRole | null; memberships: Membership[] }[]>`
    select p.full_name as "fullName", s.role as "staffRole",
           coalesce((select json_agg(json_build_object('clientId', cm.client_id, 'clientName', c.name, 'role', cm.role) order by c.name)
                     from public.client_members cm join public.clients c on c.id = cm.client_id
                     where cm.user_id = ${userId} and c.archived_at is null), '[]'::json) as memberships
    from (select ${userId}::uuid as id) me
    left join public.profiles p on p.id = me.id
    left join public.staff s on s.user_id = me.id`;
  return { userId, email, fullName: row?.fullName ?? "", staffRole: row?.staffRole ?? null, memberships: row?.memberships ?? [] };
}
