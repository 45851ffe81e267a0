// The sign-in pages: /login (anyone signed in goes home instead) and /login/verify, where the code is typed.
import { redirect } from "next/navigation";
import { z } from "zod";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo-accounts";
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
}

export async function viewLogin(searchParams: { ended?: string }): Promise<LoginView> {
  const session = await getSession();
  if (session) redirect(homePath(session.viewer));
  const demo = env().DEMO_MODE === "1";
  return { demoAccounts: demo ? DEMO_ACCOUNTS : null, devMailbox: demo && devMailboxEnabled(), endedEverywhere: searchParams.ended === "everywhere" };
}

export interface VerifyView {
  /** The address the code went to, if the link named a valid one ("" otherwise). */
  email: string;
  /** The request that sent the code (a uuid), if named. */
  request: string | null;
  /** Locally a code is checked against the request that sent it: without one there is nothing to check. */
  needsRequest: boolean;
  devMailbox: boolean;
}

/** GET /login/verify?email=…&request=… */
export function viewVerify(searchParams: { email?: string; request?: string }): VerifyView {
  const parsed = emailField.safeParse(searchParams.email ?? "");
  const email = parsed.success ? parsed.data : "";
  const request = z.uuid().safeParse(searchParams.request ?? "").data ?? null;
  return { email, request, needsRequest: authProvider() === "local" && !request, devMailbox: devMailboxEnabled() };
}
