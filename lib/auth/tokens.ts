import "server-only";
// Invitation links (to a client, to the practice's staff). The raw token lives only in the email; the table
// holds an HMAC of it keyed by the server secret, so a row written by anyone who lacks the secret never
// matches any token (issue 20: a hand-made invitation with a plain SHA-256 of a chosen token signed its
// author in as the invitee). Rotating SESSION_SECRET ends pending links, as it ends sessions and codes.
import { createHmac, randomBytes } from "node:crypto";
import { env } from "@/lib/platform/env";

/** 256 bits from a CSPRNG, URL-safe (43 characters). */
export const newLinkToken = (): string => randomBytes(32).toString("base64url");

/** How a link's token is stored and looked up. The purpose prefix keeps it apart from every other HMAC of the secret. */
export const linkTokenHash = (token: string): string =>
  createHmac("sha256", env().SESSION_SECRET).update(`invitation-link\n${token}`).digest("hex");
