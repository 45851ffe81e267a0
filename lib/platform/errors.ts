// Errors that are safe to show. Anything that is not an AppError reaches the user as a generic message
// and reaches us as a full log line with the action's name.
export type AppErrorCode =
  | "not_found"
  | "forbidden"
  | "invalid"
  | "conflict"
  | "rate_limited"
  | "month_closed"
  | "unavailable";

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

export const GENERIC_ERROR = "Something went wrong on our side. Nothing was saved; please try again.";

/** Throws a domain rule's problem (lib/domain) as the refusal a person sees, on its field when it has one. */
export function refuseIf(problem: { kind?: "invalid" | "conflict"; field?: string; message: string } | null): void {
  if (!problem) return;
  throw new AppError(problem.kind ?? "invalid", problem.message, problem.field ? { [problem.field]: [problem.message] } : {});
}
