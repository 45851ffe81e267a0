// The sign-in pages: /login (anyone signed in goes home instead) and /login/verify, where the code is typed.
import { redirect } from "next/navigation";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo-accounts";
import { pendingSignIn } from "@/lib/auth/pending";
import { secondStep } from "@/lib/auth/second-factor";
import { asService } from "@/lib/db";
import { factorSummary } from "@/lib/db/second-factor";
import { safeNextPath } from "@/lib/domain/next-path";
import { getSession, homePath } from "@/lib/auth/session";
import { devMailboxEnabled, env } from "@/lib/platform/env";

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
  /** The address this browser asked a code for (lib/auth/pending), or null: nothing to verify here. */
  email: string | null;
  devMailbox: boolean;
  /** Where signing in returns to (a same-site path), if the sign-in page was given one. */
  next: string | null;
}

/** GET /login/verify?next=… — the address comes from this browser's sign-in in progress, never from the URL. */
export async function viewVerify(searchParams: { next?: string }): Promise<VerifyView> {
  const pending = await pendingSignIn();
  return { email: pending?.email ?? null, devMailbox: devMailboxEnabled(), next: safeNextPath(searchParams.next) };
}

export interface SecondStepView {
  /** Who is half-way through signing in in this browser (lib/auth/second-factor), or null: nothing to finish here. */
  email: string | null;
  next: string | null;
  /** Which second steps the person has: an authenticator app, passkeys (recovery codes go with either). */
  app: boolean;
  passkeys: boolean;
}

/** GET /login/second-factor?next=… */
export async function viewSecondStep(searchParams: { next?: string }): Promise<SecondStepView> {
  const step = await secondStep();
  const summary = step ? await asService((tx) => factorSummary(tx, { userId: step.claims.sub })) : null;
  return { email: step?.claims.email ?? null, next: safeNextPath(searchParams.next), app: summary?.since != null, passkeys: (summary?.passkeys ?? 0) > 0 };
}
