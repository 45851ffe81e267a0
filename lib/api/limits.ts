// The API's limits, shared by the door (lib/api/auth.ts) and the document (lib/api/openapi.ts).
/** Requests per token per minute. */
export const API_RATE_PER_MINUTE = 120;
