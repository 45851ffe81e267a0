// The sign-in pages: /login (anyone signed in goes home instead) and /login/verify, where the code is typed.
import { redirect } from "next/navigation";
import { z } from "zod";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo-accounts";
import { safeNextPath } from "@/lib/domain/next-path";
import { getSession, homePath } from "@/lib/auth/session";
import { authProvider, devMailboxEnabled, env } from "@/lib/platform/env";
import { emailField } from "@/lib/schemas/fields";

export interface LoginView {
  /** The demo's accounts to sign in as (DEMO_MODE=1), else null. */
  demoAccounts: typeof DEMO_ACCOUNTS | null;
  /** Codes arrive in the dev mailbox (else the server log). */
  devMailbox: boolean;
  /** They just signed out on every device. */
  endedEverywhere: boolean;
  /** The page they asked for before signing in (a same-site path), where signing in returns to. */
  next: string | null;
}

export async function viewLogin(searchParams: { ended?: string; next?: string }): Promise<LoginView> {
  const next = safeNextPath(searchParams.next);
  const session = await getSession();
  if (session) redirect(next ?? homePath(session.viewer));
  const demo = env().DEMO_MODE === "1";
  return { demoAccounts: demo ? DEMO_ACCOUNTS : null, devMailbox: demo && devMailboxEnabled(), endedEverywhere: searchParams.ended === "everywhere", next };
}

export interface VerifyView {
  /** The address the code went to, if the link named a valid one ("" otherwise). */
  email: string;
  /** The request that sent the code (a uuid), if named. */
  request: string | null;
  /** Locally a code is checked against the request that sent it: without one there is nothing to check. */
  needsRequest: boolean;
  devMailbox: boolean;
  /** Where signing in returns to (a same-site path), if the sign-in page was given one. */
  next: string | null;
}

/** GET /login/verify?email=…&request=…&next=… */
export function viewVerify(searchParams: { email?: string; request?: string; next?: string }): VerifyView {
  const parsed = emailField.safeParse(searchParams.email ?? "");
  const email = parsed.success ? parsed.data : "";
  const request = z.uuid().safeParse(searchParams.request ?? "").data ?? null;
  return { email, request, needsRequest: authProvider() === "local" && !request, devMailbox: devMailboxEnabled(), next: safeNextPath(searchParams.next) };
}
