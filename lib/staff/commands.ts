// The practice's staff changes (admins only), as commands (lib/commands/command.ts). Non-admins are refused as
// "not found" inside the command's transaction, where RLS and the last-admin trigger hold as well.
import { z } from "zod";
import { completeSignIn, currentClaims } from "@/lib/auth";
import { secondStepPath } from "@/lib/auth/commands";
import { END_SESSIONS_SIGN_IN_AGAIN, requireRecentSignIn, resetFactorOf } from "@/lib/auth/factors";
import { invitationTokenSchema } from "@/lib/auth/schemas";
import { linkTokenHashes } from "@/lib/auth/tokens";
import { command, publicCommand, type Refresh } from "@/lib/commands/command";
import { asService, withServiceRole } from "@/lib/db";
import { endEveryonesSessions, endSessions } from "@/lib/db/sessions";
import { securityEventIn } from "@/lib/auth/events";
import { assignEngineer, unassignEngineer } from "@/lib/clients/engineers";
import { kickMailDelivery } from "@/lib/mail/kick";
import { authProvider, env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import { acceptStaffInvitation as accept, inviteStaffMember } from "@/lib/staff/invite";
import { cancelStaffInvitation as cancel, changeStaffRole as changeRole, removeStaff as remove } from "@/lib/staff/people";
import { resetSecondFactorSchema, staffAssignmentSchema, staffInvitationIdSchema, staffInviteSchema, staffMemberSchema, staffRoleSchema } from "@/lib/staff/schemas";
import { LIMITS } from "@/lib/domain/limits";

const staffPage = (): Refresh[] => ["/staff"];

export const inviteStaff = command({
  name: "staff.invite", schema: staffInviteSchema, scope: "admin", limits: [LIMITS.invitations],
  run: ({ tx, viewer, input }) => inviteStaffMember(tx, viewer, input, env().APP_URL),
  effect: (_ctx, renewed) => {
    kickMailDelivery();
    return renewed;
  },
  message: (renewed, { input }) => (renewed ? `Invitation sent again to ${input.email}; the earlier link no longer works.` : `Invitation sent to ${input.email}.`),
  refresh: staffPage,
});

export const cancelStaffInvitation = command({
  name: "staff.cancelInvitation", schema: staffInvitationIdSchema, scope: "admin", message: "Invitation cancelled.",
  run: ({ tx, viewer, input }) => cancel(tx, viewer.userId, input),
  refresh: staffPage,
});

export const changeStaffRole = command({
  name: "staff.changeRole", schema: staffRoleSchema, scope: "admin",
  run: async ({ tx, viewer, input }) => {
    const outcome = await changeRole(tx, viewer.userId, input);
    if (outcome.changed) await securityEventIn(tx, { kind: "role_changed", outcome: "ok", userId: input.userId, actorId: viewer.userId, detail: `practice role: ${input.role}` });
    return outcome;
  },
  message: ({ changed, person }, { input }) => {
    const who = person.fullName || person.email;
    const as = input.role === "admin" ? "an admin" : "an engineer";
    return changed ? `${who} is now ${as}.` : `${who} is already ${as}.`;
  },
  refresh: staffPage,
});

export const removeStaff = command({
  name: "staff.remove", schema: staffMemberSchema, scope: "admin",
  run: ({ tx, viewer, input }) => remove(tx, viewer.userId, input),
  message: (person) => `${person.fullName || person.email} no longer has staff access. Their logged time stays.`,
  refresh: () => ["/staff", "/engineer"],
});

/** An admin ends every session of another person (a lost laptop, a departing engineer): they must sign in again. */
export const endStaffSessions = command({
  name: "staff.endSessions", schema: staffMemberSchema, scope: "admin",
  run: async ({ tx, viewer, input }) => {
    if (input.userId === viewer.userId) throw new AppError("invalid", "To end your own sessions, use Sign out everywhere on your account page.");
    const ended = await withServiceRole(tx, () => endSessions(tx, { userId: input.userId, reason: "ended_by_admin" }));
    await securityEventIn(tx, { kind: "sessions_ended_by_admin", outcome: "ok", userId: input.userId, actorId: viewer.userId, detail: `${ended} ${ended === 1 ? "session" : "sessions"} ended` });
    return ended;
  },
  message: (ended) => (ended === 0 ? "They had no live sessions." : `${ended} ${ended === 1 ? "session" : "sessions"} ended. They must sign in again.`),
  refresh: staffPage,
});

/**
 * An admin ends every session in the practice but their own (a suspected leak): everyone signs in again. It needs a
 * recent sign-in (and, on the page, a confirmation), and is on the practice's security record.
 */
export const endEveryonesSessionsNow = command({
  name: "staff.endEveryonesSessions", schema: z.object({}), scope: "admin",
  run: async ({ tx, viewer, claims }) => {
    await requireRecentSignIn(tx, claims.sid, END_SESSIONS_SIGN_IN_AGAIN);
    const ended = await withServiceRole(tx, () => endEveryonesSessions(tx, { keep: claims.sid ?? claims.session_id ?? null, reason: "ended_by_admin" }));
    await securityEventIn(tx, { kind: "sessions_ended_by_admin", outcome: "ok", userId: viewer.userId, actorId: viewer.userId, detail: `every session in the practice but the admin's own: ${ended} ended` });
    return ended;
  },
  message: (ended) => (ended === 0 ? "There were no other sessions." : `${ended} ${ended === 1 ? "session" : "sessions"} ended. Everyone else must sign in again.`),
  refresh: staffPage,
});

/** An admin resets another person's two-step sign-in (a lost phone and lost recovery codes); their sessions end too. */
export const resetStaffSecondFactor = command({
  name: "staff.resetSecondFactor", schema: resetSecondFactorSchema, scope: "admin",
  run: async ({ tx, viewer, input }) => {
    if (input.userId === viewer.userId) throw new AppError("invalid", "Your own two-step sign-in is on your account page.");
    const had = await resetFactorOf(tx, { userId: input.userId, actorId: viewer.userId, actorName: viewer.fullName || viewer.email, verifiedBy: input.verifiedBy });
    if (had) await withServiceRole(tx, () => endSessions(tx, { userId: input.userId, reason: "ended_by_admin" }));
    return had;
  },
  effect: (_ctx, had) => (kickMailDelivery(), had),
  message: (had) => (had ? "Two-step sign-in reset. They sign in with an emailed code and set up two-step sign-in again." : "They had no two-step sign-in to reset."),
  refresh: staffPage,
});

/** Assigning and unassigning a client from the staff page: the admin check is the command's, in its transaction. */
export const assignStaffClient = command({
  name: "staff.assign", schema: staffAssignmentSchema, scope: "admin", message: "Client assigned.",
  run: ({ tx, viewer, client, input }) => assignEngineer(tx, viewer.userId, client.id, input.userId),
  refresh: ({ client }) => ["/staff", [`/clients/${client.id}`, "layout"]],
});

export const unassignStaffClient = command({
  name: "staff.unassign", schema: staffAssignmentSchema, scope: "admin", message: "Client unassigned.",
  run: ({ tx, viewer, client, input }) => unassignEngineer(tx, viewer.userId, client.id, input.userId),
  refresh: ({ client }) => ["/staff", [`/clients/${client.id}`, "layout"]],
});

/** A staff invitation: the invitee becomes an engineer or admin of the practice and lands on /engineer. */
export const acceptStaffInvitation = publicCommand({
  name: "staff.accept", schema: invitationTokenSchema,
  effect: async ({ input: { token } }) => {
    if (authProvider() === "local") {
      const claims = await asService((tx) => accept(tx, linkTokenHashes(token)));
      // Someone who already has a second factor passes it before the link signs them in.
      return (await completeSignIn(claims, "invitation")) === "second-step" ? secondStepPath("/engineer") : "/engineer";
    }
    // Supabase Auth owns auth.users: the invitee signs in first (which usually applies the grant already).
    const claims = await currentClaims();
    if (!claims) throw new AppError("invalid", "Sign in with the invited email address first, then open the link again.");
    await asService((tx) => accept(tx, linkTokenHashes(token), claims));
    return "/engineer";
  },
  next: (path) => path,
});
