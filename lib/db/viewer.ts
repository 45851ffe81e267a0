import type { Tx } from "@/lib/db";
import type { Membership, StaffRole, Viewer } from "@/lib/types/viewer";
import { clientAccessQuery, toClientAccess, type ClientAccessRow } from "@/lib/db/clients";
import { type ClientRow } from "@/lib/types/clients";

const viewerColumns = (tx: Tx, userId: string) => tx`
  p.full_name as "fullName", p.timezone as "ownTimezone", s.role as "staffRole",
  coalesce((select json_agg(json_build_object('clientId', cm.client_id, 'clientName', c.name, 'role', cm.role) order by c.name)
            from public.client_members cm join public.clients c on c.id = cm.client_id
            where cm.user_id = ${userId} and c.archived_at is null), '[]'::json) as memberships,
  private.session_live() as "sessionLive", private.session_aal() = 'aal2' as "secondStep",
  coalesce(ps.client_two_step, false) as "ownersTwoStep", coalesce(ps.client_members_two_step, false) as "membersTwoStep"`;

const viewerFrom = (tx: Tx, userId: string) => tx`
  (select ${userId}::uuid as id) me
  left join public.profiles p on p.id = me.id
  left join public.staff s on s.user_id = me.id
  left join lateral (select client_two_step, client_members_two_step from public.practice_settings limit 1) ps on true`;

interface ViewerRow {
  fullName: string | null;
  /** Not "timezone": loadViewerWithAccess selects the client's row beside it, whose zone would shadow it. */
  ownTimezone: string | null;
  staffRole: StaffRole | null;
  memberships: Membership[];
  sessionLive: boolean;
  secondStep: boolean;
  ownersTwoStep: boolean;
  membersTwoStep: boolean;
}

/** An ended session is nobody: no role, no memberships (callers treat it as signed out). */
const toViewer = (userId: string, email: string, row: ViewerRow | undefined): Viewer => {
  const live = row?.sessionLive ?? false;
  return {
    userId, email, fullName: row?.fullName ?? "", timezone: row?.ownTimezone ?? null, staffRole: live ? row?.staffRole ?? null : null, memberships: live ? row?.memberships ?? [] : [], sessionLive: live,
    secondStep: row?.secondStep ?? false, ownersTwoStep: row?.ownersTwoStep ?? false, membersTwoStep: row?.membersTwoStep ?? false,
  };
};

/** Who the caller is inside the portal: staff role and client memberships (read under RLS), in one query. */
export async function loadViewer(tx: Tx, { userId, email }: { userId: string; email: string }): Promise<Viewer> {
  const [row] = await tx<ViewerRow[]>`select ${viewerColumns(tx, userId)} from ${viewerFrom(tx, userId)}`;
  return toViewer(userId, email, row);
}

/** The same, and the caller's access to one client (null if RLS hides it), in one query: a page view's check. */
export async function loadViewerWithAccess(
  tx: Tx,
  { userId, email, clientId }: { userId: string; email: string; clientId: string },
): Promise<{ viewer: Viewer; access: ClientAccessRow | null }> {
  const [row] = await tx<(ViewerRow & ClientRow & { isStaff: boolean; dataVersion: number })[]>`
    select ${viewerColumns(tx, userId)}, a.*
    from ${viewerFrom(tx, userId)}
    left join lateral (${clientAccessQuery(tx, { clientId })}) a on true`;
  const viewer = toViewer(userId, email, row);
  return { viewer, access: viewer.sessionLive ? toClientAccess(row) : null };
}
