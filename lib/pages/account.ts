// The account page's data: the signed-in person as they see themselves.
import type { Session } from "@/lib/auth/session";
import type { Viewer } from "@/lib/types/viewer";

export interface AccountView {
  viewer: Viewer;
  /** Their role in the practice, for staff; null for a client's people. */
  role: "Practice admin" | "Engineer" | null;
}

export function viewAccount({ viewer }: Session): AccountView {
  return { viewer, role: viewer.staffRole === "admin" ? "Practice admin" : viewer.staffRole === "engineer" ? "Engineer" : null };
}
