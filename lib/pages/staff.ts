// The staff page's data: the practice's people with what each row may offer (the clients still assignable,
// whether they are the only admin), the pending invitations, every client to assign, and the practice's
// security activity.
import type { Session } from "@/lib/auth/session";
import { asUser } from "@/lib/db";
import { listClients } from "@/lib/db/clients";
import { listStaffInvitations, listStaffMembers, type StaffInvitationRow, type StaffMemberRow } from "@/lib/db/staff";
import { listSecurityEvents } from "@/lib/db/security-events";
import type { ClientRow } from "@/lib/types/clients";
import type { SecurityEventRow } from "@/lib/types/security";

export type { StaffInvitationRow, StaffMemberRow };

export interface StaffMemberView {
  member: StaffMemberRow;
  isYou: boolean;
  /** The practice's only admin: their role and removal cannot change until there is another. */
  onlyAdmin: boolean;
  /** The clients not assigned to them yet. */
  assignable: ClientRow[];
}

export interface StaffView {
  members: StaffMemberView[];
  invitations: StaffInvitationRow[];
  /** The practice's latest security events: everyone's sign-ins, refusals, ended sessions and role changes. */
  events: SecurityEventRow[];
  /** The admin's own time zone, for the events' times. */
  zone: string;
}

export async function viewStaff({ claims, viewer }: Session): Promise<StaffView> {
  const [members, invitations, clients, events] = await asUser(claims, (tx) =>
    Promise.all([listStaffMembers(tx), listStaffInvitations(tx), listClients(tx), listSecurityEvents(tx, { limit: 50 })]),
  );
  const admins = members.filter((m) => m.role === "admin").length;
  return {
    members: members.map((m) => ({
      member: m,
      isYou: m.userId === viewer.userId,
      onlyAdmin: m.role === "admin" && admins === 1,
      assignable: clients.filter((c) => !m.clients.some((a) => a.id === c.id)),
    })),
    invitations,
    events,
    zone: viewer.timezone ?? "UTC",
  };
}
