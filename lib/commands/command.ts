// The one way to write a change: a command. A feature declares each of its writes once, in
// lib/<feature>/commands.ts, and every door serves that same declaration:
//
//   export const voidEntry = command({
//     name: "entry.void", schema: voidEntrySchema, scope: "engineer", message: "Entry voided.",
//     run: ({ tx, viewer, client, input }) => voidEntry(tx, viewer.userId, client, input.entryId, input.reason),
//     refresh: ({ client }) => [[`/clients/${client.id}`, "layout"]],
//   });
//
// - `schema` validates the input (zod) before anything else; a refusal carries field errors and changes no row.
// - `scope` says who may run it (lib/domain/access). A client's scope reads the client from the input's
//   `clientId`; every owned id in the input (entryId, itemId, updateId, invoiceId, roadmapItemId, one or an
//   array) must be that client's. Checked by lib/commands/execute.ts in the command's own transaction.
// - `run` is the body: it always runs in ONE transaction as the caller, under RLS.
// - `effect` is the work outside the database (Stripe, Claude, the mail kick): it runs after the commit with
//   what `run` returned, and may open its own transactions. Its value is the command's result.
// - `limits` caps the runs of costly or noisy commands per person or client (figures: lib/domain/limits.ts;
//   counted by lib/commands/limits.ts).
// - `refresh` names the pages whose cached render the change invalidates (also when the body committed and the
//   effect then failed); `next` is where a form goes after success.
// - `scope: "public"` commands (sign-in, accepting an invitation) have no caller yet: no `run`, only `effect`.
//
// Doors: serveAction (lib/commands/action.ts) makes a server action of it for a form; serveCommand
// (lib/commands/route.ts) runs it in a route handler for claims from any source (API token, cron, webhook).
import type { z } from "zod";
import type { Claims, Tx } from "@/lib/db";
import type { ClientScope, PracticeScope } from "@/lib/domain/access";
import type { CommandLimit } from "@/lib/domain/limits";
import type { ClientRow } from "@/lib/types/clients";
import type { MemberRole, Viewer } from "@/lib/types/viewer";

export type CallerScope = PracticeScope | ClientScope;

export interface CommandContext<I> {
  input: I;
  tx: Tx;
  claims: Claims;
  viewer: Viewer;
  /** The client named by the input's `clientId` (every client scope has one; "admin" may or may not). */
  client: I extends { clientId: string } ? ClientRow : null;
  memberRole: MemberRole | null;
}

/** What `effect`, `message`, `refresh` and `next` see: the caller and the input, after the commit. */
export type EffectContext<I> = Omit<CommandContext<I>, "tx">;

/** A page whose cached render a change invalidates: a path, or a path and everything under it ("layout"). */
export type Refresh = string | [path: string, kind: "layout" | "page"];

interface Declaration<S extends z.ZodType, C, R> {
  /** For the log line (and `npm run bench`, which reads its server time). */
  name: string;
  schema: S;
  /** The success message, fixed or from what the command returned. */
  message?: string | ((result: R, ctx: C) => string);
  /** Also called (without a result) when the body committed but the effect failed: what committed is shown. */
  refresh?: (ctx: C, result: R | undefined) => Refresh[];
  /** Where a form goes after success (a server action redirects there; an API answers with the result). */
  next?: (result: R, ctx: C) => string;
}

export interface CallerCommand<S extends z.ZodType, T, R> extends Declaration<S, EffectContext<z.output<S>>, R> {
  scope: CallerScope;
  /** Counted in the command's transaction after the caller is authorized; over a limit it is refused, no row changed. */
  limits?: readonly CommandLimit[];
  /** The refusal for someone who can see the client but lacks the scope (default: "not found"). */
  forbidden?: string;
  /**
   * Runs for a staff member who has not set up two-step sign-in yet (lib/domain/two-step): setting it up and
   * what /account needs around it. Every other command refuses them until then.
   */
  beforeTwoStep?: true;
  run: (ctx: CommandContext<z.output<S>>) => Promise<T>;
  effect?: (ctx: EffectContext<z.output<S>>, value: T) => Promise<R> | R;
}

export interface PublicContext<I> {
  input: I;
}

export interface PublicCommand<S extends z.ZodType, R> extends Declaration<S, PublicContext<z.output<S>>, R> {
  scope: "public";
  effect: (ctx: PublicContext<z.output<S>>) => Promise<R> | R;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of commands of any input and result
export type AnyCommand = CallerCommand<any, any, any> | PublicCommand<any, any>;

/** The result of a command as its doors see it. */
export type ResultOf<C> = C extends CallerCommand<z.ZodType, infer T, infer R> ? (unknown extends R ? T : R) : C extends PublicCommand<z.ZodType, infer R> ? R : never;

/** Declares a command of a signed-in caller (types only: the declaration is the command). */
export function command<S extends z.ZodType, T, R = T>(declaration: CallerCommand<S, T, R>): CallerCommand<S, T, R> {
  return declaration;
}

/** Declares a command anyone may call (signing in, accepting an invitation): validation and refusals, no caller. */
export function publicCommand<S extends z.ZodType, R>(declaration: Omit<PublicCommand<S, R>, "scope">): PublicCommand<S, R> {
  return { ...declaration, scope: "public" };
}
