"use server";
import { revalidatePath } from "next/cache";
import { formValues, runAction, type ActionState } from "@/lib/actions";
import { adminSession } from "@/lib/auth/viewer";
import { asUser, withServiceRole } from "@/lib/db";
import { assignEngineer, unassignEngineer } from "@/lib/db/clients";
import { getPracticeSettings } from "@/lib/db/settings";
import { assertAdmin, cancelStaffInvitation, changeStaffRole, inviteStaff, removeStaff } from "@/lib/db/staff";
import { env } from "@/lib/env";
import { kickMailDelivery } from "@/lib/mail/kick";
import { enqueueMail } from "@/lib/mail/outbox";
import { staffInvitationMail } from "@/lib/mail/templates";
import { staffAssignmentSchema, staffInvitationIdSchema, staffInviteSchema, staffMemberSchema, staffRoleSchema } from "@/lib/schemas";

// Every action: adminSession() refuses non-admins as "not found", and the lib call re-checks the admin
// inside its own transaction (assertAdmin), where RLS and the last-admin trigger hold as well.

export async function inviteStaffAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("staff.invite", staffInviteSchema, formValues(form), async (input) => {
    const { claims, viewer } = await adminSession();
    const renewed = await asUser(claims, async (tx) => {
      const { token, renewed } = await inviteStaff(tx, claims.sub, input);
      const practice = await getPracticeSettings(tx);
      await withServiceRole(tx, () =>
        enqueueMail(tx, staffInvitationMail({
          to: input.email, role: input.role, practiceName: practice.name,
          inviter: viewer.fullName || viewer.email, link: `${env().APP_URL}/invite/${token}`,
        })),
      );
      return renewed;
    });
    revalidatePath("/staff");
    kickMailDelivery();
    return renewed ? `Invitation sent again to ${input.email}; the earlier link no longer works.` : `Invitation sent to ${input.email}.`;
  }).then(withDataAsMessage);
}

export async function cancelStaffInvitationAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("staff.cancelInvitation", staffInvitationIdSchema, formValues(form), async (input) => {
    const { claims } = await adminSession();
    await asUser(claims, (tx) => cancelStaffInvitation(tx, claims.sub, input));
    revalidatePath("/staff");
  }, "Invitation cancelled.");
}

export async function changeStaffRoleAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("staff.changeRole", staffRoleSchema, formValues(form), async (input) => {
    const { claims } = await adminSession();
    const { changed, person } = await asUser(claims, (tx) => changeStaffRole(tx, claims.sub, input));
    revalidatePath("/staff");
    const who = person.fullName || person.email;
    const as = input.role === "admin" ? "an admin" : "an engineer";
    return changed ? `${who} is now ${as}.` : `${who} is already ${as}.`;
  }).then(withDataAsMessage);
}

export async function removeStaffAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("staff.remove", staffMemberSchema, formValues(form), async (input) => {
    const { claims } = await adminSession();
    const person = await asUser(claims, (tx) => removeStaff(tx, claims.sub, input));
    revalidatePath("/staff");
    revalidatePath("/engineer");
    return `${person.fullName || person.email} no longer has staff access. Their logged time stays.`;
  }).then(withDataAsMessage);
}

export async function assignStaffClientAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("staff.assign", staffAssignmentSchema, formValues(form), async ({ userId, clientId }) => {
    const { claims } = await adminSession();
    await asUser(claims, async (tx) => {
      await assertAdmin(tx);
      await assignEngineer(tx, claims.sub, clientId, userId);
    });
    revalidatePath("/staff");
    revalidatePath(`/clients/${clientId}`, "layout");
  }, "Client assigned.");
}

export async function unassignStaffClientAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("staff.unassign", staffAssignmentSchema, formValues(form), async ({ userId, clientId }) => {
    const { claims } = await adminSession();
    await asUser(claims, async (tx) => {
      await assertAdmin(tx);
      await unassignEngineer(tx, claims.sub, clientId, userId);
    });
    revalidatePath("/staff");
    revalidatePath(`/clients/${clientId}`, "layout");
  }, "Client unassigned.");
}

/** A success whose message depends on what happened (the lib call returns it as data). */
function withDataAsMessage(state: Exclude<ActionState<string>, null>): ActionState {
  return state.ok ? { ok: true, data: null, message: state.data } : state;
}
