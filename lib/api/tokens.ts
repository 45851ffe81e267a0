import "server-only";
// Personal API tokens (issue 22): 256 random bits behind a recognisable prefix ("rp_"), stored as an HMAC keyed
// by the server secret with its own purpose line (lib/auth/tokens.ts keeps invitation links apart the same way).
// Rotating SESSION_SECRET keeps tokens working while SESSION_SECRET_PREVIOUS names the old one (lib/platform/keys).
import { createHmac, randomBytes } from "node:crypto";
import { appSecrets, env } from "@/lib/platform/env";
import { rootSecrets } from "@/lib/platform/keys";

export const API_TOKEN_PREFIX = "rp_";

/** A new token: "rp_" and 43 URL-safe characters. */
export const newApiToken = (): string => `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;

/** How a token is stored and looked up. */
const hmac = (secret: string, token: string) => createHmac("sha256", secret).update(`api-token\n${token}`).digest("hex");
export const apiTokenHash = (token: string): string => hmac(env().SESSION_SECRET, token);

/** What a presented token is looked up by: its hash under the current secret and, during a rotation, the previous one. */
export const apiTokenHashes = (token: string): string[] => rootSecrets(appSecrets()).map((secret) => hmac(secret, token));

/** What /account shows of a token: its first characters. */
export const apiTokenPrefix = (token: string): string => token.slice(0, API_TOKEN_PREFIX.length + 6);

/** A string shaped like a token (checked before any lookup). */
export const looksLikeApiToken = (token: string): boolean => /^rp_[A-Za-z0-9_-]{43}$/.test(token);
