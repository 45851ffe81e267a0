// Who must set up two-step sign-in before anything else (issue 29, ASVS 6.3.3): the practice's staff (admins and
// engineers: they reach every client's ledger, invoices and pay links), and clients' owners, or all their people,
// when the practice asks it of them (practice settings), whenever their session was reached without a second factor. Until then a staff member may only set it up, from /account. The rule holds where a
// second factor exists to pass (the local sign-in; under Supabase Auth the hosted MFA is not wired yet) and not
// for the demo's shared accounts, whose codes anyone trying the demo reads.
import type { Viewer } from "@/lib/types/viewer";

export function mustSetUpTwoStep(
  viewer: Pick<Viewer, "staffRole" | "secondStep" | "memberships" | "ownersTwoStep" | "membersTwoStep">, { ruleApplies }: { ruleApplies: boolean },
): boolean {
  if (!ruleApplies || viewer.secondStep) return false;
  return viewer.staffRole !== null
    || (viewer.ownersTwoStep && viewer.memberships.some((m) => m.role === "owner"))
    || (viewer.membersTwoStep && viewer.memberships.length > 0);
}

/** The refusal a command gives a staff member who has not set it up. */
export const TWO_STEP_FIRST = "Your practice asks you to sign in with two steps. Turn on two-step sign-in on your account page first; then this works.";

/** Where pages send them. */
export const TWO_STEP_SETUP_PATH = "/account?setup=two-step#two-step";
