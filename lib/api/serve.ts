import "server-only";
// The door of every /api/v1 route (issue 22): authenticate the token (401, 429 with Retry-After), run the
// handler as its person, and answer every refusal in the one error contract (lib/commands/route.ts).
import { z } from "zod";
import { authenticate, RateLimited, requireClient, requireScope, tokenRefusals, type ApiContext } from "@/lib/api/auth";
import { accessRefused } from "@/lib/auth/events";
import type { Claims } from "@/lib/db";
import type { ApiScope } from "@/lib/domain/api-scopes";
import { parseOrRefuse } from "@/lib/commands/execute";
import { errorResponse, routeError } from "@/lib/commands/route";
import { AppError, notFound } from "@/lib/platform/errors";
import { clientIdField } from "@/lib/schemas/fields";

export function apiHandler<P>(name: string, handler: (ctx: ApiContext, request: Request, params: P) => Promise<Response>) {
  return async (request: Request, { params }: { params: Promise<P> }): Promise<Response> => {
    let ctx: ApiContext | null = null;
    try {
      ctx = await authenticate(request);
      return await handler(ctx, request, await params);
    } catch (e) {
      if (e instanceof RateLimited) return errorResponse(e, { "retry-after": String(e.retryAfterSeconds) });
      // A token used past its scope or client is a refused authorization, on the record like a page's (ASVS 16.3.2).
      if (ctx && e instanceof AppError && tokenRefusals.has(e)) {
        await accessRefused({ userId: ctx.caller.userId, what: name, detail: `${name} with token ${ctx.caller.tokenId}: ${e.message}` });
      }
      return routeError(e, name);
    }
  };
}

/** A client id from the path, or the same 404 as a client that is not the caller's. */
export function pathClientId(raw: string): string {
  if (!clientIdField.safeParse(raw).success) throw notFound("That client");
  return raw;
}

/** The JSON body validated by `schema` (400 when it is not JSON, 422 with field errors when it is wrong). */
export async function jsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("bad_request", "The body must be JSON (Content-Type: application/json).");
  }
  return parseOrRefuse(schema, body);
}

/** The query string validated by `schema`. */
export const queryOf = <S extends z.ZodType>(request: Request, schema: S): z.output<S> =>
  parseOrRefuse(schema, Object.fromEntries(new URL(request.url).searchParams));

/** GET of one client's data under `scope`: the token must reach the client, and the read runs as its person. */
export function clientRead(name: string, scope: ApiScope, read: (claims: Claims, clientId: string) => Promise<unknown>) {
  return apiHandler<{ clientId: string }>(name, async (ctx, _request, params) => {
    requireScope(ctx, scope);
    const clientId = pathClientId(params.clientId);
    requireClient(ctx, clientId);
    return Response.json({ data: await read(ctx.claims, clientId) });
  });
}
