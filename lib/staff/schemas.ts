// What the Staff page and `npm run staff` may send.
import { z } from "zod";
import { emailField, idOf, text } from "@/lib/schemas/fields";

export const STAFF_ROLES = ["admin", "engineer"] as const;
export type StaffRoleName = (typeof STAFF_ROLES)[number];

export const staffRoleField = z.enum(STAFF_ROLES, { error: "Choose admin or engineer." });

const staffUserIdField = idOf("That person");

export const staffInviteSchema = z.object({ email: emailField, role: staffRoleField });

export const staffRoleSchema = z.object({ userId: staffUserIdField, role: staffRoleField });

export const staffMemberSchema = z.object({ userId: staffUserIdField });

/** An admin's reset of a lost second factor: who, and how the admin made sure it is really them asking (ASVS 6.4.4). */
export const resetSecondFactorSchema = z.object({
  userId: staffUserIdField,
  verifiedBy: text({ empty: "Say how you made sure it is really them asking, for example “video call, saw their face”.", max: 200, tooLong: "Keep it under 200 characters." }),
});

export const staffAssignmentSchema = z.object({
  userId: staffUserIdField,
  clientId: z.uuid({ error: "Choose a client from the list." }),
});

export const staffInvitationIdSchema = z.object({ invitationId: idOf("That invitation") });
