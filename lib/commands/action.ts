import "server-only";
// The server-action door of a command: the caller is the cookie session, the input the form's values, and the
// answer the shape useActionState renders (lib/commands/state). Every action file is a list of one-liners:
//
//   "use server";
//   export const voidEntryAction = serveAction(voidEntry);
import { redirect } from "next/navigation";
import { currentClaims } from "@/lib/auth";
import type { AnyCommand, ResultOf } from "@/lib/commands/command";
import { execute, type Outcome } from "@/lib/commands/execute";
import { refreshAfter } from "@/lib/commands/refresh";
import type { ActionState } from "@/lib/commands/state";

async function perform<C extends AnyCommand>(cmd: C, form: FormData): Promise<Outcome<ResultOf<C>>> {
  const claims = cmd.scope === "public" ? null : await currentClaims();
  const outcome = await execute(cmd, claims, form);
  refreshAfter(cmd, outcome);
  if (outcome.ok && cmd.next) redirect(cmd.next(outcome.data as never, outcome.context as never));
  return outcome;
}

/** A command as a server action for useActionState: `(previous state, form) → state`. */
export function serveAction<C extends AnyCommand>(cmd: C) {
  return async (_previous: unknown, form: FormData): Promise<Exclude<ActionState<ResultOf<C>>, null>> => {
    const outcome = await perform(cmd, form);
    if (outcome.ok) return { ok: true, data: outcome.data, message: outcome.message };
    const { code, userMessage, fieldErrors } = outcome.error;
    return { ok: false, code, error: userMessage, fieldErrors, values: outcome.values };
  };
}

