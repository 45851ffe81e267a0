// What an API token may do (issue 22). Read scopes see what the person's pages show of that kind; the one write
// scope logs and corrects time as the person would on the hours page.
export const API_SCOPES = ["hours:read", "hours:write", "invoices:read", "roadmap:read", "updates:read"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const SCOPE_LABELS: Record<ApiScope, string> = {
  "hours:read": "Read hours (clients, entries, statements)",
  "hours:write": "Log and correct time",
  "invoices:read": "Read invoices",
  "roadmap:read": "Read the roadmap",
  "updates:read": "Read weekly updates",
};

/** How long a new token lives, in days: the choices /account offers. */
export const TOKEN_LIFETIMES = [30, 90, 365] as const;

/** Requests per token per minute (then 429 with Retry-After). */
export const API_RATE_PER_MINUTE = 120;
