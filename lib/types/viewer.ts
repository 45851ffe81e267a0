// Who is signed in, as pages and components see it (types only).

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
  /** Their own time zone, once they said it (null before). */
  timezone: string | null;
  staffRole: StaffRole | null;
  memberships: Membership[];
  /** False once this session was ended (signed out, signed out everywhere, access removed) or ran out. */
  sessionLive: boolean;
  /** This session was reached with a second factor (or names no sign-in at all: a script's claims). */
  secondStep: boolean;
  /** The practice requires two-step sign-in of clients' owners too (practice settings). */
  ownersTwoStep: boolean;
  /** The practice asks every person of its clients, members too, to sign in with two steps. */
  membersTwoStep: boolean;
}
