import "server-only";
// The decision links in the owners' email about extra hours (issue 23): "Approve" and "Decline" each lead to a page
// that names one request, one decision and one owner, signed with the server secret (the purpose prefix keeps the
// HMAC apart from every other use of the secret), valid 14 days. The link grants nothing: the page still asks its
// reader to be signed in as that owner, and the decision is the same command as on the extra hours page, taken
// once (a decided request's link says how it was decided).
import { createHmac, timingSafeEqual } from "node:crypto";
import { appSecrets, env } from "@/lib/platform/env";
import { rootSecrets, type Secrets } from "@/lib/platform/keys";

export type LinkDecision = "approve" | "decline";

/** How long a decision link works (security time: the real clock, as sessions and codes). */
export const DECISION_LINK_DAYS = 14;

const sign = (secret: string, clientId: string, requestId: string, userId: string, decision: LinkDecision, expires: number) =>
  createHmac("sha256", secret).update(`extra-hours-decision\n${clientId}\n${requestId}\n${userId}\n${decision}\n${expires}`).digest("base64url");

/** The path of a decision link for one owner. */
export function decisionLinkPath({ clientId, requestId, userId, decision, now = Date.now(), secret = env().SESSION_SECRET }: {
  clientId: string; requestId: string; userId: string; decision: LinkDecision; now?: number; secret?: string;
}): string {
  const expires = Math.floor(now / 1000) + DECISION_LINK_DAYS * 86_400;
  const t = sign(secret, clientId, requestId, userId, decision, expires);
  return `/clients/${clientId}/extra-hours/decide?r=${requestId}&d=${decision}&e=${expires}&t=${t}`;
}

export type LinkCheck = { ok: true; requestId: string; decision: LinkDecision } | { ok: false; reason: "invalid" | "expired" };

/** Whether the link's parts are the ones signed for this reader (the signed-in person), and still current. */
export function checkDecisionLink(
  clientId: string, userId: string, params: { r?: string; d?: string; e?: string; t?: string }, now = Date.now(), secrets: Secrets | string = appSecrets(),
): LinkCheck {
  const { r, d, e, t } = params;
  if (!r || !/^[0-9a-f-]{36}$/i.test(r) || (d !== "approve" && d !== "decline") || !e || !/^\d{1,12}$/.test(e) || !t || t.length > 100) {
    return { ok: false, reason: "invalid" };
  }
  const given = Buffer.from(t);
  // Signed under the current secret or, during a rotation, the previous one (lib/platform/keys).
  const signed = rootSecrets(secrets).some((secret) => {
    const expected = Buffer.from(sign(secret, clientId, r, userId, d, Number(e)));
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!signed) return { ok: false, reason: "invalid" };
  if (Number(e) * 1000 < now) return { ok: false, reason: "expired" };
  return { ok: true, requestId: r, decision: d };
}
