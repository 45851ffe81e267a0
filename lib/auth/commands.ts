// Signing in and out, and what people change about themselves, as commands (lib/commands/command.ts).
import { z } from "zod";
import { requestSignInCode, signInWithCode, signOut as endThisSession, signOutEverywhere as endEverySession, startLocalSession } from "@/lib/auth";
import {
  confirmTotp, END_SESSIONS_SIGN_IN_AGAIN, passSecondStep, removeTotp, renewRecoveryCodes, requireLocalSignIn, requireRecentSignIn, startTotp,
} from "@/lib/auth/factors";
import { forgetSecondStep, secondStep } from "@/lib/auth/second-factor";
import { clientIp } from "@/lib/auth/client-ip";
import {
  addPasskeySchema, factorCodeSchema, passkeyIdSchema, passkeyStepSchema, profileSchema, renewCodesSchema, workPreferencesSchema, secondFactorSchema, sessionIdSchema,
  signInRequestSchema, signInVerifySchema,
} from "@/lib/auth/schemas";
import { passPasskeyStep, registerPasskey, registrationOptions, removePasskey, signInOptions } from "@/lib/auth/passkeys";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { securityEvent, securityEventIn } from "@/lib/auth/events";
import { forgetPendingSignIn, pendingSignIn, rememberPendingSignIn } from "@/lib/auth/pending";
import { homePath } from "@/lib/auth/session";
import { command, publicCommand } from "@/lib/commands/command";
import { asUser, withServiceRole } from "@/lib/db";
import { endSessions, raiseSession } from "@/lib/db/sessions";
import { AppError, notFound } from "@/lib/platform/errors";
import { updateOwnProfile, updateWorkPreferences as saveWorkPreferences } from "@/lib/db/users";
import { loadViewer } from "@/lib/db/viewer";
import { kickMailDelivery } from "@/lib/mail/kick";

/** Sends a sign-in code and remembers, in this browser only, where it went (lib/auth/pending); on to /login/verify. */
export const requestCode = publicCommand({
  name: "auth.requestCode", schema: signInRequestSchema,
  effect: async ({ input: { email, next } }) => {
    const { requestId } = await requestSignInCode(email, await clientIp());
    await rememberPendingSignIn({ email, request: requestId });
    kickMailDelivery();
    return `/login/verify${next ? `?next=${encodeURIComponent(next)}` : ""}`;
  },
  next: (verifyPage) => verifyPage,
});

const NO_PENDING = "This browser has not asked for a code, or it has expired. Send a new code from this browser.";

/** Checks the code against this browser's request, starts the session, and answers with the page they asked for or their home. */
export const verifyCode = publicCommand({
  name: "auth.verifyCode", schema: signInVerifySchema,
  effect: async ({ input: { code, next } }) => {
    const pending = await pendingSignIn();
    if (!pending) throw new AppError("invalid", NO_PENDING, { code: [NO_PENDING] });
    const { claims, secondStep } = await signInWithCode(pending.email, code, pending.request ?? undefined, await clientIp());
    await forgetPendingSignIn();
    if (secondStep) return secondStepPath(next);
    return next ?? homePath(await asUser(claims, (tx) => loadViewer(tx, { userId: claims.sub, email: claims.email })));
  },
  next: (home) => home,
});

/** Where a sign-in goes for its second step, keeping where it returns to. */
export const secondStepPath = (next: string | null | undefined) => `/login/second-factor${next ? `?next=${encodeURIComponent(next)}` : ""}`;

const START_AGAIN = "This sign-in has expired or was started in another browser. Start again with a new emailed code.";

/** The second step: a code from the authenticator app or a recovery code; then the session (aal2). */
export const verifySecondFactor = publicCommand({
  name: "auth.secondFactor", schema: secondFactorSchema,
  effect: async ({ input: { code, next } }) => {
    const step = await halfSignedIn();
    const used = await passSecondStep(step.claims.sub, code);
    return finishSecondStep(step, used === "app" ? "a code from the authenticator app" : "a recovery code", next);
  },
  next: (home) => home,
});

/** The second step with a passkey, part one: the challenge and the person's passkeys, for the browser. */
export const passkeySignInOptions = publicCommand({
  name: "auth.passkeyOptions", schema: z.object({}),
  effect: async () => ({ options: await signInOptions((await halfSignedIn()).claims.sub) }),
});

/** The second step with a passkey, part two: the browser's signed answer; then the session (aal2). */
export const verifyPasskey = publicCommand({
  name: "auth.passkey", schema: passkeyStepSchema,
  effect: async ({ input: { response, next } }) => {
    const step = await halfSignedIn();
    const name = await passPasskeyStep(step.claims.sub, response as AuthenticationResponseJSON);
    return finishSecondStep(step, `passkey “${name}”`, next);
  },
  next: (home) => home,
});

/** The person half-way through signing in in this browser (after the emailed code), or a refusal saying to start again. */
async function halfSignedIn() {
  const step = await secondStep();
  if (!step) throw new AppError("invalid", START_AGAIN, { code: [START_AGAIN] });
  return step;
}

async function finishSecondStep(step: NonNullable<Awaited<ReturnType<typeof secondStep>>>, factor: string, next: string | null | undefined) {
  await securityEvent({ kind: "factor_used", outcome: "ok", userId: step.claims.sub, detail: factor });
  await forgetSecondStep();
  await startLocalSession(step.claims, step.how, "aal2");
  const { claims } = step;
  return next ?? homePath(await asUser(claims, (tx) => loadViewer(tx, { userId: claims.sub, email: claims.email })));
}

/** Ends this session on the server (whether or not it is still live), then back to sign-in. */
export const signOut = publicCommand({
  name: "auth.signOut", schema: z.object({}),
  effect: () => endThisSession(),
  next: () => "/login",
});

/** The person's own name and time zone (their first visit, /account). */
export const updateProfile = command({
  name: "account.profile", beforeTwoStep: true, schema: profileSchema, scope: "signed-in", message: "Saved. Thank you.",
  run: async ({ tx, viewer, input }) => {
    if (!(await updateOwnProfile(tx, { userId: viewer.userId, input }))) throw new Error("the signed-in person has no profile");
  },
  refresh: () => [["/", "layout"]],
});

/** A staff member's work settings (issue 25): where their week starts, the category they log most. */
export const updateWorkPreferences = command({
  name: "account.workPreferences", schema: workPreferencesSchema, scope: "staff", message: "Saved.",
  run: async ({ tx, viewer, input }) => {
    if (!(await saveWorkPreferences(tx, { userId: viewer.userId, input }))) throw new Error("the signed-in person has no profile");
  },
  refresh: () => [["/", "layout"]],
});

/** Ends every session of the person, on every device, this one included (POST /logout?everywhere=1, which clears this browser). */
export const signOutEverywhere = command({
  name: "auth.signOutEverywhere", beforeTwoStep: true, schema: z.object({}), scope: "signed-in",
  run: async () => undefined,
  effect: ({ claims }) => endEverySession(claims),
});

/** Ends one of the person's other sessions (another browser or device) from the list on /account. */
export const endOwnSession = command({
  name: "account.endSession", beforeTwoStep: true, schema: sessionIdSchema, scope: "signed-in", message: "That session has ended. Whoever used it must sign in again.",
  run: async ({ tx, viewer, claims, input }) => {
    if (input.sessionId === (claims.sid ?? claims.session_id)) throw new AppError("invalid", "That is this browser's session. Use Sign out to end it.");
    await requireRecentSignIn(tx, claims.sid, END_SESSIONS_SIGN_IN_AGAIN);
    const ended = await withServiceRole(tx, () => endSessions(tx, { userId: viewer.userId, sessionId: input.sessionId, reason: "ended_by_self" }));
    if (!ended) throw notFound("That session"); // already over, or never the caller's
    await securityEventIn(tx, { kind: "session_ended", outcome: "ok", userId: viewer.userId, detail: "ended from the list of sessions" });
  },
  refresh: () => ["/account"],
});

/** Ends every session of the person except this browser's. */
export const endOtherSessions = command({
  name: "account.endOtherSessions", beforeTwoStep: true, schema: z.object({}), scope: "signed-in",
  run: async ({ tx, viewer, claims }) => {
    await requireRecentSignIn(tx, claims.sid, END_SESSIONS_SIGN_IN_AGAIN);
    const keep = claims.sid ?? claims.session_id ?? null;
    const ended = await withServiceRole(tx, () => endSessions(tx, { userId: viewer.userId, keep, reason: "ended_by_self" }));
    if (ended) await securityEventIn(tx, { kind: "session_ended", outcome: "ok", userId: viewer.userId, detail: `ended every other session (${ended})` });
    return ended;
  },
  message: (ended) => (ended === 0 ? "There were no other sessions." : ended === 1 ? "Your other session has ended." : `Your ${ended} other sessions have ended.`),
  refresh: () => ["/account"],
});

/** Starts setting up an authenticator app: /account then shows its QR code and secret. */
export const startTwoStep = command({
  name: "account.startTwoStep", beforeTwoStep: true, schema: z.object({}), scope: "signed-in", message: "Scan the code with your authenticator app, then type the code it shows.",
  run: async ({ tx, viewer, claims }) => {
    requireLocalSignIn();
    await requireRecentSignIn(tx, claims.sid);
    await startTotp(tx, { userId: viewer.userId });
  },
  refresh: () => ["/account"],
});

/** Confirms the app with a code from it; answers with the ten recovery codes, shown once. */
export const confirmTwoStep = command({
  name: "account.confirmTwoStep", beforeTwoStep: true, schema: factorCodeSchema, scope: "signed-in",
  message: "Two-step sign-in is on. Keep your recovery codes somewhere safe.",
  run: async ({ tx, viewer, claims, input }) => {
    requireLocalSignIn();
    await requireRecentSignIn(tx, claims.sid);
    const codes = await confirmTotp(tx, { userId: viewer.userId, code: input.code });
    // The code just typed proves the factor in this session too: it counts as reached with two steps.
    if (claims.sid) await withServiceRole(tx, () => raiseSession(tx, { sessionId: claims.sid!, userId: viewer.userId }));
    return { codes };
  },
  effect: (_ctx, value) => (kickMailDelivery(), value),
  // No refresh: the page keeps the form that shows the codes until the person says they saved them.
});

/** New recovery codes (the old ones stop working), after a code from the app (or, passkey alone, in a session reached with it). */
export const renewTwoStepCodes = command({
  name: "account.renewRecoveryCodes", schema: renewCodesSchema, scope: "signed-in",
  message: "New recovery codes made. The old ones no longer work.",
  run: async ({ tx, viewer, claims, input }) => {
    await requireRecentSignIn(tx, claims.sid);
    return { codes: await renewRecoveryCodes(tx, { userId: viewer.userId, code: input.code, passkeySession: viewer.secondStep }) };
  },
  effect: (_ctx, value) => (kickMailDelivery(), value),
  refresh: () => ["/account"],
});

/** Adding a passkey, part one: the options for the browser's authenticator. */
export const passkeyRegistrationOptions = command({
  name: "account.passkeyOptions", beforeTwoStep: true, schema: z.object({}), scope: "signed-in",
  run: async ({ tx, viewer, claims }) => {
    requireLocalSignIn();
    await requireRecentSignIn(tx, claims.sid);
    return { options: await registrationOptions(tx, { userId: viewer.userId, email: viewer.email }) };
  },
});

/** Adding a passkey, part two: the authenticator's answer. The first second factor answers with ten recovery codes. */
export const addPasskey = command({
  name: "account.addPasskey", beforeTwoStep: true, schema: addPasskeySchema, scope: "signed-in",
  run: async ({ tx, viewer, claims, input }) => {
    requireLocalSignIn();
    await requireRecentSignIn(tx, claims.sid);
    const added = await registerPasskey(tx, { userId: viewer.userId, name: input.name, response: input.response as RegistrationResponseJSON });
    // Making the passkey proves it in this session too: it counts as reached with two steps.
    if (claims.sid) await withServiceRole(tx, () => raiseSession(tx, { sessionId: claims.sid!, userId: viewer.userId }));
    return added;
  },
  effect: (_ctx, value) => (kickMailDelivery(), value),
  message: ({ codes }) => (codes ? "Two-step sign-in is on. Keep your recovery codes somewhere safe." : "Passkey added. You can sign in with it from now on."),
  // The list refreshes when the person says they saved their codes (as after turning the app on), else at once.
  refresh: (_ctx, added) => (added?.codes ? [] : ["/account"]),
});

/** Removes one of the person's passkeys; the last factor gone, two-step sign-in is off. */
export const deletePasskey = command({
  name: "account.removePasskey", schema: passkeyIdSchema, scope: "signed-in",
  run: async ({ tx, viewer, claims, input }) => {
    await requireRecentSignIn(tx, claims.sid);
    return removePasskey(tx, { userId: viewer.userId, passkeyId: input.passkeyId });
  },
  effect: (_ctx, value) => (kickMailDelivery(), value),
  message: ({ off }) => (off ? "Passkey removed. Two-step sign-in is off: you sign in with the emailed code alone." : "Passkey removed."),
  refresh: () => ["/account"],
});

/** Turns two-step sign-in off, after a code from the app or a recovery code. */
export const turnOffTwoStep = command({
  name: "account.turnOffTwoStep", schema: factorCodeSchema, scope: "signed-in", message: "Two-step sign-in is off. You sign in with the emailed code alone.",
  run: async ({ tx, viewer, claims, input }) => {
    await requireRecentSignIn(tx, claims.sid);
    await removeTotp(tx, { userId: viewer.userId, code: input.code });
  },
  effect: () => kickMailDelivery(),
  refresh: () => ["/account"],
});
