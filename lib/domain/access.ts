// Who may do what, as one rule for pages and actions alike. RLS enforces the same in the database; this
// decides what to show and which refusal to give.
import type { MemberRole, StaffRole } from "@/lib/types/viewer";

/**
 * Practice-wide: "signed-in" (anyone with a session), "staff" (engineer or admin), "admin".
 * Of one client: "member" (anyone who can see it: its members and the staff who work for it), "owner" (an
 * owner membership), "billing" (who sees money: owners and the staff who work for it), "engineer" (staff
 * who work for it: its assigned engineers and every admin), "admin" (an admin, with the client visible).
 */
export type PracticeScope = "signed-in" | "staff" | "admin";
export type ClientScope = "member" | "owner" | "billing" | "engineer" | "admin";

export interface ClientFacts {
  staffRole: StaffRole | null;
  memberRole: MemberRole | null;
  /** Works for this client (an admin, or an assigned engineer). */
  isStaff: boolean;
}

/** Owners and the client's staff see fees, overage amounts and invoices; members see hours only. */
export const seesMoney = (f: ClientFacts): boolean => f.isStaff || f.memberRole === "owner";

export function allowsPractice(scope: PracticeScope, staffRole: StaffRole | null): boolean {
  if (scope === "signed-in") return true;
  if (scope === "staff") return staffRole !== null;
  return staffRole === "admin";
}

/** Whether a caller who can see the client (RLS showed it) has the scope. */
export function allowsClient(scope: ClientScope, f: ClientFacts): boolean {
  switch (scope) {
    case "member": return true;
    case "owner": return f.memberRole === "owner";
    case "billing": return seesMoney(f);
    case "engineer": return f.isStaff;
    case "admin": return f.staffRole === "admin";
  }
}
