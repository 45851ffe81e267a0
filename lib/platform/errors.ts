// The one error contract. Errors that are safe to show are AppErrors: a code a program can branch on, a
// sentence a person can act on, and field errors for forms. Anything else reaches the person as GENERIC_ERROR
// (code "internal") and reaches us as a full log line with the command's name. Two renderings, one source:
// the action state of a form (lib/commands/action.ts) and the JSON body of every route handler
// (`{ "error": { "code", "message", "fields" } }` with HTTP_STATUS[code], lib/commands/route.ts).
export type AppErrorCode =
  | "bad_request"
  | "unauthenticated"
  | "not_found"
  | "forbidden"
  | "invalid"
  | "conflict"
  | "rate_limited"
  | "too_large"
  | "month_closed"
  | "unavailable"
  | "internal";

/** The HTTP status each code is answered with by a route handler. */
export const HTTP_STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  month_closed: 409,
  invalid: 422,
  rate_limited: 429,
  too_large: 413,
  internal: 500,
  unavailable: 503,
};

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly userMessage: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(userMessage);
    this.name = "AppError";
  }
}

/** Another client's row is reported exactly like a missing one. */
export const notFound = (what = "That page") => new AppError("not_found", `${what} could not be found.`);

/** The row a lib/db read returned, or "not found" (`what`) when it returned none: services decide, lib/db only reads. */
export function found<T>(row: T | null | undefined, what: string): T {
  if (row === null || row === undefined) throw notFound(what);
  return row;
}

export const GENERIC_ERROR = "Something went wrong on our side. Nothing was saved; please try again.";

/**
 * The one table of database error codes a person may meet (raised by our triggers and constraints): what
 * they mean in words. A code not listed is not the person's doing and stays GENERIC_ERROR.
 */
const DATABASE_ERRORS: Record<string, [AppErrorCode, string]> = {
  RP001: ["month_closed", "That month is closed. Record an adjustment in an open month instead."],
  RP004: ["conflict", "That would leave the practice without an admin. Make someone else an admin first."],
  "42501": ["not_found", "That could not be found."],
  "23503": ["conflict", "Something it refers to no longer exists. Reload the page and try again."],
};

/** The refusal for a database error code (pgCode of the error), or null when it is not one a person may meet. */
export function databaseError(code: string | undefined): AppError | null {
  const known = code === undefined ? undefined : DATABASE_ERRORS[code];
  return known ? new AppError(known[0], known[1]) : null;
}

/** Throws a domain rule's problem (lib/domain) as the refusal a person sees, on its field when it has one. */
export function refuseIf(problem: { kind?: "invalid" | "conflict"; field?: string; message: string } | null): void {
  if (!problem) return;
  throw new AppError(problem.kind ?? "invalid", problem.message, problem.field ? { [problem.field]: [problem.message] } : {});
}
