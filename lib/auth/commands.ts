// Signing in and out, and what people change about themselves, as commands (lib/commands/command.ts).
import { z } from "zod";
import { requestSignInCode, signInWithCode, signOut as endThisSession, signOutEverywhere as endEverySession } from "@/lib/auth";
import { clientIp } from "@/lib/auth/client-ip";
import { profileSchema, signInRequestSchema, signInVerifySchema } from "@/lib/auth/schemas";
import { homePath } from "@/lib/auth/session";
import { command, publicCommand } from "@/lib/commands/command";
import { asUser } from "@/lib/db";
import { updateOwnProfile } from "@/lib/db/users";
import { loadViewer } from "@/lib/db/viewer";
import { kickMailDelivery } from "@/lib/mail/kick";

/** Sends a sign-in code; the verify page carries the request's id (local sign-in). */
export const requestCode = publicCommand({
  name: "auth.requestCode", schema: signInRequestSchema,
  effect: async ({ input: { email, next } }) => {
    const { requestId } = await requestSignInCode(email, await clientIp());
    kickMailDelivery();
    return `/login/verify?email=${encodeURIComponent(email)}${requestId ? `&request=${requestId}` : ""}${next ? `&next=${encodeURIComponent(next)}` : ""}`;
  },
  next: (verifyPage) => verifyPage,
});

/** Checks the code, starts the session, and answers with the page they asked for (a same-site path) or their home. */
export const verifyCode = publicCommand({
  name: "auth.verifyCode", schema: signInVerifySchema,
  effect: async ({ input: { email, code, request, next } }) => {
    const claims = await signInWithCode(email, code, request, await clientIp());
    return next ?? homePath(await asUser(claims, (tx) => loadViewer(tx, { userId: claims.sub, email: claims.email })));
  },
  next: (home) => home,
});

/** Ends this session on the server (whether or not it is still live), then back to sign-in. */
export const signOut = publicCommand({
  name: "auth.signOut", schema: z.object({}),
  effect: () => endThisSession(),
  next: () => "/login",
});

/** The person's own name and time zone (their first visit, /account). */
export const updateProfile = command({
  name: "account.profile", schema: profileSchema, scope: "signed-in", message: "Saved. Thank you.",
  run: async ({ tx, viewer, input }) => {
    if (!(await updateOwnProfile(tx, { userId: viewer.userId, input }))) throw new Error("the signed-in person has no profile");
  },
  refresh: () => [["/", "layout"]],
});

/** Ends every session of the person, on every device, this one included; then back to sign-in. */
export const signOutEverywhere = command({
  name: "auth.signOutEverywhere", schema: z.object({}), scope: "signed-in",
  run: async () => undefined,
  effect: ({ claims }) => endEverySession(claims),
  next: () => "/login?ended=everywhere",
});
