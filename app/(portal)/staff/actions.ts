"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/actions/run";
import { assignEngineer, unassignEngineer } from "@/lib/db/clients";
import { cancelStaffInvitation, changeStaffRole, removeStaff } from "@/lib/db/staff";
import { env } from "@/lib/platform/env";
import { kickMailDelivery } from "@/lib/mail/kick";
import { inviteStaffMember } from "@/lib/staff/invite";
import { staffAssignmentSchema, staffInvitationIdSchema, staffInviteSchema, staffMemberSchema, staffRoleSchema } from "@/lib/staff/schemas";

// Every action: runAction refuses non-admins as "not found" inside the action's transaction, where RLS and the
// last-admin trigger hold as well. Messages that depend on what happened come back as the action's data.

const refresh = () => revalidatePath("/staff");
const said = (text: string) => text;

export async function inviteStaffAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "staff.invite", schema: staffInviteSchema, scope: "admin", message: said }, form,
    ({ tx, viewer, input }) => inviteStaffMember(tx, viewer, input, env().APP_URL),
    ({ input }, renewed) => {
      refresh();
      kickMailDelivery();
      return renewed ? `Invitation sent again to ${input.email}; the earlier link no longer works.` : `Invitation sent to ${input.email}.`;
    });
}

export async function cancelStaffInvitationAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "staff.cancelInvitation", schema: staffInvitationIdSchema, scope: "admin", message: "Invitation cancelled." }, form,
    ({ tx, viewer, input }) => cancelStaffInvitation(tx, viewer.userId, input),
    refresh);
}

export async function changeStaffRoleAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "staff.changeRole", schema: staffRoleSchema, scope: "admin", message: said }, form,
    ({ tx, viewer, input }) => changeStaffRole(tx, viewer.userId, input),
    ({ input }, { changed, person }) => {
      refresh();
      const who = person.fullName || person.email;
      const as = input.role === "admin" ? "an admin" : "an engineer";
      return changed ? `${who} is now ${as}.` : `${who} is already ${as}.`;
    });
}

export async function removeStaffAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "staff.remove", schema: staffMemberSchema, scope: "admin", message: said }, form,
    ({ tx, viewer, input }) => removeStaff(tx, viewer.userId, input),
    (_ctx, person) => {
      refresh();
      revalidatePath("/engineer");
      return `${person.fullName || person.email} no longer has staff access. Their logged time stays.`;
    });
}

/** Assigning and unassigning a client: the admin check is runAction's, in the same transaction as the change. */
function assignment(name: string, message: string, change: typeof assignEngineer) {
  return (form: FormData) => runAction({ name, schema: staffAssignmentSchema, scope: "admin", message }, form,
    ({ tx, viewer, client, input }) => change(tx, viewer.userId, client.id, input.userId),
    ({ client }) => {
      refresh();
      revalidatePath(`/clients/${client.id}`, "layout");
    });
}

const assign = assignment("staff.assign", "Client assigned.", assignEngineer);
const unassign = assignment("staff.unassign", "Client unassigned.", unassignEngineer);

export async function assignStaffClientAction(_: ActionState, form: FormData): Promise<ActionState> {
  return assign(form);
}

export async function unassignStaffClientAction(_: ActionState, form: FormData): Promise<ActionState> {
  return unassign(form);
}
