import "server-only";
// The one way to write a server action: validate (zod) → authorize → one lib call → revalidate.
// Returns a state for useActionState; a refusal carries field errors and the values the person typed, so
// nothing they entered is lost, and no row changed (the lib call runs in one transaction).
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { pgCode } from "@/lib/db";
import { AppError, GENERIC_ERROR } from "@/lib/errors";
import { logger } from "@/lib/log";
import type { ActionState, FieldErrors } from "@/lib/action-state";

const log = logger("action");

export type { ActionState, FieldErrors } from "@/lib/action-state";

/** FormData → plain object; checkboxes arrive as "on" or are absent. */
export function formValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form) {
    if (key.startsWith("$ACTION") || typeof value !== "string") continue;
    out[key] = value;
  }
  return out;
}

export async function runAction<S extends z.ZodType, T>(
  name: string,
  schema: S,
  raw: Record<string, unknown>,
  fn: (input: z.output<S>) => Promise<T>,
  message?: string,
): Promise<Exclude<ActionState<T>, null>> {
  const started = performance.now();
  const done = <R extends Exclude<ActionState<T>, null>>(state: R): R => {
    // One line per action with its server time (validate, authorize, the lib call); `npm run bench` reads it.
    log.info({ action: name, ok: state.ok, ms: Math.round((performance.now() - started) * 100) / 100 }, "action");
    return state;
  };
  const values = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const { fieldErrors, formErrors } = z.flattenError(parsed.error);
    return done({ ok: false, error: formErrors[0] ?? "Check the highlighted fields.", fieldErrors: fieldErrors as FieldErrors, values });
  }
  try {
    return done({ ok: true, data: await fn(parsed.data), message });
  } catch (e) {
    unstable_rethrow(e); // redirect() and notFound() are control flow, not failures
    if (e instanceof AppError) return done({ ok: false, error: e.userMessage, fieldErrors: e.fieldErrors, values });
    const code = pgCode(e);
    if (code === "RP001") {
      return done({ ok: false, error: "That month is closed. Record an adjustment in an open month instead.", fieldErrors: {}, values });
    }
    if (code === "42501") return done({ ok: false, error: "That could not be found.", fieldErrors: {}, values });
    if (code === "23503") return done({ ok: false, error: "Something it refers to no longer exists. Reload the page and try again.", fieldErrors: {}, values });
    log.error({ action: name, err: e }, "action failed");
    return done({ ok: false, error: GENERIC_ERROR, fieldErrors: {}, values });
  }
}
