// What the sign-in forms may send.
import { z } from "zod";
import { safeNextPath } from "@/lib/domain/next-path";
import { emailField, text, zoneField } from "@/lib/schemas/fields";

/** The page to return to after signing in: a same-site path, else nothing (never an error: the person goes home). */
const nextField = z.unknown().optional().transform(safeNextPath);

export const signInRequestSchema = z.object({ email: emailField, next: nextField });

/** The code typed on /login/verify; the address and request it belongs to are this browser's (lib/auth/pending). */
export const signInVerifySchema = z.object({
  code: z
    .string({ error: "Enter the 6-digit code from the email." })
    .trim()
    .regex(/^\d{6}$/, "The code is the 6 digits from the email."),
  next: nextField,
});

/** What people say about themselves (their first visit, /account). */
export const profileSchema = z.object({
  fullName: text({ empty: "Enter your name.", max: 200, tooLong: "Keep your name under 200 characters." }),
  timezone: zoneField,
});

/** The token of an emailed invitation link (a client's or the practice's). */
export const invitationTokenSchema = z.object({ token: z.string().min(20, "This invitation link is incomplete.").max(200) });

/** One of the person's sessions, from the list on /account. */
export const sessionIdSchema = z.object({ sessionId: z.uuid({ error: "Choose a session to end." }) });

/** The second step of signing in: 6 digits from the authenticator app, or a recovery code ("k7mq2-x9prt"). */
export const secondFactorSchema = z.object({
  code: z.string({ error: "Type the 6-digit code from your authenticator app, or a recovery code." }).trim()
    .min(6, "Type the 6-digit code from your authenticator app, or a recovery code.").max(40, "That is longer than any code we give."),
  next: nextField,
});

/** A code from the authenticator app (or, to turn it off, a recovery code) on /account. */
export const factorCodeSchema = z.object({
  code: z.string({ error: "Type the code your authenticator app shows." }).trim()
    .min(6, "Type the 6-digit code your authenticator app shows.").max(40, "That is longer than any code we give."),
});
