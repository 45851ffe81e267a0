// What the sign-in forms may send.
import { z } from "zod";
import { CATEGORIES } from "@/lib/domain/categories";
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

/** A staff member's work settings on /account (issue 25). */
export const workPreferencesSchema = z.object({
  weekStart: z.enum(["monday", "saturday", "sunday"], { error: "Choose the day your week starts." }),
  defaultCategory: z.enum(CATEGORIES, { error: "Choose a category." }),
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

/** Making new recovery codes: a code from the app, or none when the second step is a passkey alone. */
export const renewCodesSchema = z.object({
  code: z.string().trim().max(40, "That is longer than any code we give.")
    .refine((c) => c === "" || c.length >= 6, "Type the 6-digit code your authenticator app shows.")
    .optional().transform((c) => c || undefined),
});

// ---- passkeys: what the browser's authenticator answered (WebAuthn JSON, sent as one form field) -------------------

const UNREADABLE = "Your browser's answer could not be read. Try again.";
const b64url = z.string().max(8000).regex(/^[A-Za-z0-9_-]*$/);
const credentialBase = {
  id: b64url.min(16), rawId: b64url.min(16), type: z.literal("public-key"),
  clientExtensionResults: z.looseObject({}).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
};

/** A JSON form field parsed, then checked against `schema`; one plain sentence when it is not what a browser sends. */
const jsonField = <T extends z.ZodType>(schema: T) =>
  z.string({ error: UNREADABLE }).max(20_000, UNREADABLE).transform((s, ctx): z.output<T> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(s);
    } catch {
      parsed = undefined;
    }
    const checked = schema.safeParse(parsed);
    if (checked.success) return checked.data;
    ctx.addIssue({ code: "custom", message: UNREADABLE });
    return z.NEVER;
  });

export const registrationResponseSchema = z.object({
  ...credentialBase,
  response: z.looseObject({
    clientDataJSON: b64url.min(1), attestationObject: b64url.min(1),
    transports: z.array(z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"])).max(8).optional(),
  }),
});

export const authenticationResponseSchema = z.object({
  ...credentialBase,
  response: z.looseObject({
    clientDataJSON: b64url.min(1), authenticatorData: b64url.min(1), signature: b64url.min(1), userHandle: b64url.optional(),
  }),
});

/** Adding a passkey on /account: a name the person recognises, and the browser's answer. */
export const addPasskeySchema = z.object({
  name: text({ empty: "Name this passkey, for example “MacBook Touch ID”.", max: 60, tooLong: "Keep the name under 60 characters." }),
  response: jsonField(registrationResponseSchema),
});

export const passkeyIdSchema = z.object({ passkeyId: z.uuid({ error: "Choose a passkey to remove." }) });

/** The second step with a passkey. */
export const passkeyStepSchema = z.object({ response: jsonField(authenticationResponseSchema), next: nextField });
