import "server-only";
// Invitation links (to a client, to the practice's staff). The raw token lives only in the email; the table
// holds an HMAC of it keyed by the server secret, so a row written by anyone who lacks the secret never
// matches any token (issue 20: a hand-made invitation with a plain SHA-256 of a chosen token signed its
// author in as the invitee). Rotating SESSION_SECRET keeps pending links working while
// SESSION_SECRET_PREVIOUS names the old one (lib/platform/keys).
import { createHmac, randomBytes } from "node:crypto";
import { appSecrets, env } from "@/lib/platform/env";
import { rootSecrets } from "@/lib/platform/keys";

/** 256 bits from a CSPRNG, URL-safe (43 characters). */
export const newLinkToken = (): string => randomBytes(32).toString("base64url");

const hmac = (secret: string, token: string) => createHmac("sha256", secret).update(`invitation-link\n${token}`).digest("hex");

/** How a link's token is stored. The purpose prefix keeps it apart from every other HMAC of the secret. */
export const linkTokenHash = (token: string): string => hmac(env().SESSION_SECRET, token);

/** What a link's token is looked up by: its hash under the current secret and, during a rotation, the previous one (lib/platform/keys). */
export const linkTokenHashes = (token: string): string[] => rootSecrets(appSecrets()).map((secret) => hmac(secret, token));
