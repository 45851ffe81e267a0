import "server-only";
// The sign-in in progress, in this browser only (ASVS 6.6.2 and 14.2.1): after a code is requested, an HttpOnly
// cookie holds the address it went to and, locally, the request's id. The verify page reads the address from it
// (no email in any URL), and a code is checked against this browser's request alone: typed in another browser,
// even the right code finds no request. The request id is 122 random bits only this browser learned; the
// address alone names nothing (lib/auth/local checks the code against the pair). Secure cookies carry the
// __Host- prefix, as the session's do.
import { cookies } from "next/headers";
import { z } from "zod";
import { CODE_TTL_MINUTES } from "@/lib/auth/codes";
import { emailField } from "@/lib/schemas/fields";
import { env } from "@/lib/platform/env";

export const pendingCookieName = (secure: boolean) => (secure ? "__Host-rp_signin" : "rp_signin");

const pendingSchema = z.object({ email: emailField, request: z.uuid().nullable() });
export type PendingSignIn = z.infer<typeof pendingSchema>;

const secure = () => env().NODE_ENV === "production";

/** Remembers the sign-in this browser started (a code was just sent). */
export async function rememberPendingSignIn(pending: PendingSignIn) {
  (await cookies()).set(pendingCookieName(secure()), Buffer.from(JSON.stringify(pending)).toString("base64url"), {
    httpOnly: true, sameSite: "lax", secure: secure(), path: "/", maxAge: (CODE_TTL_MINUTES + 5) * 60,
  });
}

/** The sign-in this browser started, if any (a cookie that does not parse is none). */
export async function pendingSignIn(): Promise<PendingSignIn | null> {
  const raw = (await cookies()).get(pendingCookieName(secure()))?.value;
  if (!raw) return null;
  try {
    const parsed = pendingSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function forgetPendingSignIn() {
  (await cookies()).delete({ name: pendingCookieName(secure()), path: "/", secure: secure() });
}
