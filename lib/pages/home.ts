// GET / and /no-access: where a signed-in person belongs (lib/auth/session's homePath).
import { redirect } from "next/navigation";
import { homePath, type Session } from "@/lib/auth/session";

/** Where the home URL sends them: staff to the engineer home, members to their (first) client. */
export function viewHome({ viewer }: Session): string {
  return homePath(viewer);
}

/** The no-access page, for someone signed in who belongs nowhere yet; anyone else goes to their home. */
export function viewNoAccess(session: Session): { email: string } {
  const home = homePath(session.viewer);
  if (home !== "/no-access") redirect(home);
  return { email: session.viewer.email };
}
