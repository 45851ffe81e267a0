// What the Staff page and `npm run staff` may send.
import { z } from "zod";
import { emailField, idOf } from "@/lib/schemas/fields";

export const STAFF_ROLES = ["admin", "engineer"] as const;
export type StaffRoleName = (typeof STAFF_ROLES)[number];

export const staffRoleField = z.enum(STAFF_ROLES, { error: "Choose admin or engineer." });

const staffUserIdField = idOf("That person");

export const staffInviteSchema = z.object({ email: emailField, role: staffRoleField });

export const staffRoleSchema = z.object({ userId: staffUserIdField, role: staffRoleField });

export const staffMemberSchema = z.object({ userId: staffUserIdField });

export const staffAssignmentSchema = z.object({
  userId: staffUserIdField,
  clientId: z.uuid({ error: "Choose a client from the list." }),
});

export const staffInvitationIdSchema = z.object({ invitationId: idOf("That invitation") });
