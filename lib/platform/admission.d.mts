// Types of lib/platform/admission.mjs (plain JavaScript: `npm run serve` loads it without a build).
import type { ServerResponse } from "node:http";

export function createAdmission(options: { limit: number; holdMs: number }): {
  readonly state: { inside: number; waiting: number };
  admit(res: ServerResponse, run: () => unknown): void;
};
