import "server-only";
// The one way to write a server action:
//
//   export async function voidEntryAction(_: ActionState, form: FormData) {
//     return runAction({ name: "entry.void", schema: voidEntrySchema, scope: "engineer", message: "Entry voided." }, form,
//       ({ tx, viewer, client, input }) => voidEntry(tx, viewer.userId, client, input.entryId, input.reason),
//       ({ client }) => refreshClient(client.id));
//   }
//
// It validates the form (zod), then opens ONE transaction as the caller in which it loads who they are and,
// for a client's scope, their access to the client named by `clientId`; refuses anyone without the scope;
// checks that every id in the input (entryId, itemId, updateId, invoiceId, roadmapItemId) is that client's;
// and runs the action with `{ tx, viewer, client, input }`. After the commit, `after` runs (revalidation,
// the mail kick, work outside the database such as Stripe or Claude). A refusal carries field errors and the
// values the person typed, so nothing they entered is lost, and no row changed.
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { currentClaims } from "@/lib/auth";
import { asUser, pgCode, type Claims, type Tx } from "@/lib/db";
import { foreignIds, OWNED_IDS, type OwnedIdKey, type OwnedIds } from "@/lib/db/ownership";
import { loadViewer, loadViewerWithAccess } from "@/lib/db/viewer";
import { allowsClient, allowsPractice, type ClientScope, type PracticeScope } from "@/lib/domain/access";
import { AppError, GENERIC_ERROR, notFound } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/log";
import type { ActionState, FieldErrors } from "@/lib/actions/state";
import type { ClientRow } from "@/lib/types/clients";
import type { MemberRole, Viewer } from "@/lib/types/viewer";

const log = logger("action");

export type { ActionState, FieldErrors } from "@/lib/actions/state";

type Scope = PracticeScope | ClientScope;

export interface ActionSpec<S extends z.ZodType, Sc extends Scope, T> {
  /** For the log line (and `npm run bench`, which reads its server time). */
  name: string;
  schema: S;
  /** Who may run it; a client's scope reads the client from the input's `clientId`. */
  scope: Sc;
  /** The refusal for someone who can see the client but lacks the scope (default: "not found"). */
  forbidden?: string;
  /** The success message, fixed or from what the action returned. */
  message?: string | ((data: T) => string);
}

export interface ActionContext<I> {
  input: I;
  tx: Tx;
  claims: Claims;
  viewer: Viewer;
  /** The client named by the input's `clientId` (every client scope has one; "admin" may or may not). */
  client: I extends { clientId: string } ? ClientRow : null;
  memberRole: MemberRole | null;
}

export type AfterContext<I> = Omit<ActionContext<I>, "tx">;

/** FormData → plain object; checkboxes arrive as "on" or are absent. */
export function formValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form) {
    if (key.startsWith("$ACTION") || typeof value !== "string") continue;
    out[key] = value;
  }
  return out;
}

/** Scopes that only exist for one client: their schema must have a `clientId`. */
const CLIENT_ONLY: readonly Scope[] = ["member", "owner", "billing", "engineer"] satisfies ClientScope[];

const sessionEnded = () => new AppError("forbidden", "Your session has ended. Sign in again; nothing was saved.");

/** Inside the action's transaction: who the caller is, whether the scope allows them, and the ids. */
async function authorize<I, Sc extends Scope>(tx: Tx, claims: Claims, spec: { scope: Sc; forbidden?: string }, input: I): Promise<ActionContext<I>> {
  const clientId = (input as { clientId?: unknown }).clientId;
  // Practice scopes read no client; "admin" with a clientId is an admin who can see that client.
  if (typeof clientId !== "string" || spec.scope === "signed-in" || spec.scope === "staff") {
    if (CLIENT_ONLY.includes(spec.scope)) throw new Error(`The "${spec.scope}" scope needs a clientId in the action's schema.`);
    const viewer = await loadViewer(tx, claims.sub, claims.email);
    if (!viewer.sessionLive) throw sessionEnded();
    if (!allowsPractice(spec.scope as PracticeScope, viewer.staffRole)) throw notFound("That page");
    return { input, tx, claims, viewer, client: null as ActionContext<I>["client"], memberRole: null };
  }
  const owned = Object.fromEntries(Object.keys(OWNED_IDS).map((k) => [k, (input as Record<string, unknown>)[k]]).filter(([, v]) => typeof v === "string")) as OwnedIds;
  const [{ viewer, access }, foreign] = await Promise.all([
    loadViewerWithAccess(tx, claims.sub, claims.email, clientId),
    foreignIds(tx, clientId, owned),
  ]);
  if (!viewer.sessionLive) throw sessionEnded();
  if (!access) throw notFound("That client");
  const memberRole = viewer.memberships.find((m) => m.clientId === clientId)?.role ?? null;
  if (!allowsClient(spec.scope as ClientScope, { staffRole: viewer.staffRole, memberRole, isStaff: access.isStaff })) {
    throw spec.forbidden && memberRole ? new AppError("forbidden", spec.forbidden) : notFound(spec.scope === "admin" ? "That page" : "That client");
  }
  if (foreign.length) throw notFound(OWNED_IDS[foreign[0] as OwnedIdKey]);
  return { input, tx, claims, viewer, client: access.client as ActionContext<I>["client"], memberRole };
}

export async function runAction<S extends z.ZodType, Sc extends Scope, T, U = T>(
  spec: ActionSpec<S, Sc, U>,
  form: FormData | Record<string, unknown>,
  inTransaction: (ctx: ActionContext<z.output<S>>) => Promise<T>,
  after?: (ctx: AfterContext<z.output<S>>, value: T) => Promise<U> | U,
): Promise<Exclude<ActionState<U>, null>> {
  return settle(spec.name, spec.schema, form, spec.message, async (input) => {
    const claims = await currentClaims();
    if (!claims) throw sessionEnded();
    const { ctx, value } = await asUser(claims, async (tx) => {
      const ctx = await authorize(tx, claims, spec, input);
      return { ctx, value: await inTransaction(ctx) };
    });
    if (!after) return value as unknown as U;
    const { tx, ...rest } = ctx;
    return after(rest, value);
  });
}

/** For the signed-out forms (sign-in, accepting an invitation): validation and the same refusals, no session. */
export function runPublicAction<S extends z.ZodType, T>(
  spec: { name: string; schema: S; message?: string | ((data: T) => string) },
  form: FormData | Record<string, unknown>,
  fn: (input: z.output<S>) => Promise<T>,
): Promise<Exclude<ActionState<T>, null>> {
  return settle(spec.name, spec.schema, form, spec.message, fn);
}

async function settle<S extends z.ZodType, T>(
  name: string,
  schema: S,
  form: FormData | Record<string, unknown>,
  message: string | ((data: T) => string) | undefined,
  fn: (input: z.output<S>) => Promise<T>,
): Promise<Exclude<ActionState<T>, null>> {
  const started = performance.now();
  const done = <R extends Exclude<ActionState<T>, null>>(state: R): R => {
    // One line per action with its server time (validate, authorize, the work); `npm run bench` reads it.
    log.info({ action: name, ok: state.ok, ms: Math.round((performance.now() - started) * 100) / 100 }, "action");
    return state;
  };
  const raw = form instanceof FormData ? formValues(form) : form;
  const values = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const { fieldErrors, formErrors } = z.flattenError(parsed.error);
    return done({ ok: false, error: formErrors[0] ?? "Check the highlighted fields.", fieldErrors: fieldErrors as FieldErrors, values });
  }
  try {
    const data = await fn(parsed.data);
    return done({ ok: true, data, message: typeof message === "function" ? message(data) : message });
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

/** Validates `raw` with a schema only known inside the action (e.g. amounts in the client's currency). */
export function parseOrRefuse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const { fieldErrors, formErrors } = z.flattenError(parsed.error);
  throw new AppError("invalid", formErrors[0] ?? "Check the highlighted fields.", fieldErrors as Record<string, string[]>);
}
