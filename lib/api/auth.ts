import "server-only";
// Who an API request is (issue 22): `Authorization: Bearer rp_…`, looked up by its HMAC as the service role,
// refused (401) when missing, malformed, unknown, revoked or expired, limited per token (429 with
// Retry-After), then served as its person under RLS. Cookies are never read here: a page's session cannot be
// borrowed by a script on another site, and a token cannot open a page.
import { asService, type Claims } from "@/lib/db";
import { findApiToken, touchApiToken, type ApiCaller } from "@/lib/db/api-tokens";
import { recentHits, recordHit } from "@/lib/db/rate-limits";
import { apiTokenHashes, looksLikeApiToken } from "@/lib/api/tokens";
import { API_RATE_PER_MINUTE, type ApiScope } from "@/lib/domain/api-scopes";
import { AppError, notFound } from "@/lib/platform/errors";
import { refusedBearer } from "@/lib/auth/events";


export interface ApiContext {
  claims: Claims;
  caller: ApiCaller;
}

export class RateLimited extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", `Too many requests with this token: at most ${API_RATE_PER_MINUTE} a minute. Try again in ${retryAfterSeconds} seconds.`);
  }
}

const unauthenticated = (why: string) => new AppError("unauthenticated", `${why} Send \`Authorization: Bearer <token>\` with a token from your account page.`);

/** The caller of an API request, from its bearer token; a refused token is on the security record (bearer_refused). */
export async function authenticate(request: Request): Promise<ApiContext> {
  try {
    return await tokenCaller(request);
  } catch (e) {
    if (e instanceof AppError && e.code === "unauthenticated") await refusedBearer("API token", e.message.split(" Send ")[0]);
    throw e;
  }
}

async function tokenCaller(request: Request): Promise<ApiContext> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthenticated("This API needs a token.");
  const token = match[1];
  if (!looksLikeApiToken(token)) throw unauthenticated("That is not an API token.");
  return asService(async (tx) => {
    const caller = await findApiToken(tx, { tokenHash: apiTokenHashes(token) });
    if (!caller) throw unauthenticated("That token is not known.");
    if (caller.revokedAt) throw unauthenticated("That token was revoked.");
    if (caller.expired) throw unauthenticated("That token has expired.");
    const bucket = `api:${caller.tokenId}`;
    const { count, oldest } = await recentHits(tx, { bucket, windowMinutes: 1 });
    if (count >= API_RATE_PER_MINUTE) {
      throw new RateLimited(Math.max(1, Math.ceil(((oldest?.getTime() ?? Date.now()) + 60_000 - Date.now()) / 1000)));
    }
    await recordHit(tx, { bucket });
    await touchApiToken(tx, { tokenId: caller.tokenId });
    return { claims: { sub: caller.userId, email: caller.email, role: "authenticated" }, caller };
  });
}

/** The token refusals below: recorded as `access_refused` events by the API's door (lib/api/serve). */
export const tokenRefusals = new WeakSet<AppError>();
const refusedToken = (e: AppError) => (tokenRefusals.add(e), e);

/** 403 unless the token carries `scope`. */
export function requireScope(ctx: ApiContext, scope: ApiScope) {
  if (!ctx.caller.scopes.includes(scope)) {
    throw refusedToken(new AppError("forbidden", `This token may not do that: it needs the ${scope} scope. Create a token with it on your account page.`));
  }
}

/** A token limited to one client reaches no other: any other client is "not found", as for a stranger. */
export function requireClient(ctx: ApiContext, clientId: string) {
  if (ctx.caller.clientId && ctx.caller.clientId !== clientId) throw refusedToken(notFound("That client"));
}
