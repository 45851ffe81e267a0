import "server-only";
// The route-handler door of a command, and the one JSON rendering of the error contract. A route
// authenticates its caller however it must (cookie, API token, the cron secret, a Stripe signature) and hands
// the claims here; authorization, id ownership and the error mapping are the command's, as for a form.
//
//   { "data": …, "message": "…" }                                   on success (200)
//   { "error": { "code": "invalid", "message": "…", "fields": {} } }  on refusal, with HTTP_STATUS[code]
import type { Claims } from "@/lib/db";
import type { AnyCommand, Refresh } from "@/lib/commands/command";
import { asAppError, execute } from "@/lib/commands/execute";
import { refreshAfter, refreshPages } from "@/lib/commands/refresh";
import { AppError, HTTP_STATUS } from "@/lib/platform/errors";

/** The JSON body and status of a refusal or failure (every route handler answers errors with this). */
export function errorResponse(error: AppError, headers?: HeadersInit): Response {
  // eslint-disable-next-line no-restricted-syntax -- this is the one rendering the rule points to
  return Response.json({ error: { code: error.code, message: error.userMessage, fields: error.fieldErrors } }, { status: HTTP_STATUS[error.code], headers });
}

/** Anything a route caught, as the contract's error (unexpected ones are logged under `name`). */
export function routeError(e: unknown, name: string): Response {
  return errorResponse(asAppError(e, name));
}

/**
 * Runs `cmd` for `claims` on a JSON body and answers in the contract. `refresh` is Next's page revalidation;
 * a caller outside a request (a job, a test) passes its own.
 */
export async function serveCommand<C extends AnyCommand>(
  cmd: C,
  claims: Claims | null,
  body: Record<string, unknown>,
  { refresh = refreshPages }: { refresh?: (pages: Refresh[]) => void } = {},
): Promise<Response> {
  const outcome = await execute(cmd, claims, body);
  refreshAfter(cmd, outcome, refresh);
  if (!outcome.ok) return errorResponse(outcome.error);
  return Response.json({ data: outcome.data ?? null, message: outcome.message ?? null });
}
