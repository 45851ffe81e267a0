import "server-only";
// Runs a command for a caller, whatever door they came through: validate (zod), then ONE transaction as the
// caller in which it loads who they are and, for a client's scope, their access to the input's `clientId`;
// refuses anyone without the scope as "not found"; checks every owned id (one or a list) is that client's;
// runs the body. After the commit, the effect. Every failure comes back as an AppError of the one contract
// (lib/platform/errors): database codes through its one table, anything unexpected as "internal" and logged.
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { asUser, pgCode, withServiceRole, type Claims, type Tx } from "@/lib/db";
import { foreignIds, OWNED_IDS, type OwnedIdKey, type OwnedIds } from "@/lib/db/ownership";
import { countLimits, limitRefusals } from "@/lib/commands/limits";
import { loadViewer, loadViewerWithAccess } from "@/lib/db/viewer";
import { allowsClient, allowsPractice, type ClientScope, type PracticeScope } from "@/lib/domain/access";
import { AppError, databaseError, GENERIC_ERROR, notFound } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/log";
import { accessRefused, limitReached } from "@/lib/auth/events";
import { needsTwoStepFirst } from "@/lib/auth/session";
import { TWO_STEP_FIRST } from "@/lib/domain/two-step";
import { kickSlackDelivery } from "@/lib/slack/kick";
import { kickWebhookDelivery } from "@/lib/webhooks/kick";
import type { AnyCommand, CallerCommand, CommandContext, EffectContext, PublicContext, ResultOf } from "@/lib/commands/command";

const log = logger("action");

export type Outcome<R> =
  | { ok: true; data: R; message?: string; context: EffectContext<unknown> | PublicContext<unknown> }
  | { ok: false; error: AppError; values: Record<string, string>; committed?: EffectContext<unknown> | PublicContext<unknown> };

/** FormData → plain object; checkboxes arrive as "on" or are absent; an uploaded file stays a File. */
export function formValues(form: FormData): Record<string, string | File> {
  const out: Record<string, string | File> = {};
  for (const [key, value] of form) {
    if (key.startsWith("$ACTION")) continue;
    out[key] = value;
  }
  return out;
}

/** Scopes that only exist for one client: their schema must have a `clientId`. */
const CLIENT_ONLY: readonly string[] = ["member", "owner", "billing", "engineer"] satisfies ClientScope[];

export const sessionEnded = () => new AppError("unauthenticated", "Your session has ended. Sign in again; nothing was saved.");

/** The owned ids in an input: each key of OWNED_IDS, a string or a list of strings. */
function ownedIds(input: unknown): OwnedIds {
  const out: OwnedIds = {};
  for (const key of Object.keys(OWNED_IDS) as OwnedIdKey[]) {
    const value = (input as Record<string, unknown>)[key];
    if (typeof value === "string") out[key] = [value];
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === "string");
  }
  return out;
}

/** Errors authorize() threw: refusals of a signed-in caller, recorded as security events after the rollback. */
const refusals = new WeakSet<AppError>();
const refused = (e: AppError) => (refusals.add(e), e);

/** Inside the command's transaction: who the caller is, whether the scope allows them, and the ids. */
async function authorize<I>(
  tx: Tx, claims: Claims, spec: { scope: PracticeScope | ClientScope; forbidden?: string; beforeTwoStep?: true }, input: I,
): Promise<CommandContext<I>> {
  const clientId = (input as { clientId?: unknown }).clientId;
  // Practice scopes read no client; "admin" with a clientId is an admin who can see that client.
  if (typeof clientId !== "string" || spec.scope === "signed-in" || spec.scope === "staff") {
    if (CLIENT_ONLY.includes(spec.scope)) throw new Error(`The "${spec.scope}" scope needs a clientId in the command's schema.`);
    const viewer = await loadViewer(tx, { userId: claims.sub, email: claims.email });
    if (!viewer.sessionLive) throw refused(sessionEnded());
    if (!allowsPractice(spec.scope as PracticeScope, viewer.staffRole)) throw refused(notFound("That page"));
    if (!spec.beforeTwoStep && needsTwoStepFirst(viewer)) throw refused(new AppError("forbidden", TWO_STEP_FIRST));
    return { input, tx, claims, viewer, client: null as CommandContext<I>["client"], memberRole: null };
  }
  const [{ viewer, access }, foreign] = await Promise.all([
    loadViewerWithAccess(tx, { userId: claims.sub, email: claims.email, clientId }),
    foreignIds(tx, { clientId, ids: ownedIds(input) }),
  ]);
  if (!viewer.sessionLive) throw refused(sessionEnded());
  if (!access) throw refused(notFound("That client"));
  // Another client's id reads "not found" whoever asks, before any word about the caller's role.
  if (foreign.length) throw refused(notFound(OWNED_IDS[foreign[0]]));
  const memberRole = viewer.memberships.find((m) => m.clientId === clientId)?.role ?? null;
  if (!allowsClient(spec.scope as ClientScope, { staffRole: viewer.staffRole, memberRole, isStaff: access.isStaff })) {
    throw refused(spec.forbidden && memberRole ? new AppError("forbidden", spec.forbidden) : notFound(spec.scope === "admin" ? "That page" : "That client"));
  }
  if (!spec.beforeTwoStep && needsTwoStepFirst(viewer)) throw refused(new AppError("forbidden", TWO_STEP_FIRST));
  return { input, tx, claims, viewer, client: access.client as CommandContext<I>["client"], memberRole };
}

/** Any thrown value as the one contract's error (control flow such as redirect() is rethrown). */
export function asAppError(e: unknown, name: string): AppError {
  unstable_rethrow(e); // redirect() and notFound() are control flow, not failures
  if (e instanceof AppError) return e;
  const known = databaseError(pgCode(e));
  if (known) return known;
  log.error({ action: name, err: e }, "action failed");
  return new AppError("internal", GENERIC_ERROR);
}

/** Validates `raw` with a schema only known inside the command (e.g. amounts in the client's currency). */
export function parseOrRefuse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const { fieldErrors, formErrors } = z.flattenError(parsed.error);
  throw new AppError("invalid", formErrors[0] ?? "Check the highlighted fields.", fieldErrors as Record<string, string[]>);
}

/**
 * Runs `cmd` for `claims` (null: nobody is signed in, which only a public command accepts) on `raw` input
 * (form values or a JSON object). Never throws for a refusal or a failure: it returns the error.
 */
export async function execute<C extends AnyCommand>(cmd: C, claims: Claims | null, raw: FormData | Record<string, unknown>): Promise<Outcome<ResultOf<C>>> {
  const started = performance.now();
  const input = raw instanceof FormData ? formValues(raw) : raw;
  const done = <O extends Outcome<ResultOf<C>>>(outcome: O): O => {
    // One line per command: what, who, for which client, the outcome (with the refusal's code) and its server time
    // (validate, authorize, the work; `npm run bench` reads it). The address is on the security record's lines.
    const clientId = typeof input.clientId === "string" && input.clientId.length <= 36 ? input.clientId : null;
    log.info({
      action: cmd.name, userId: claims?.sub ?? null, clientId, ok: outcome.ok, ...(outcome.ok ? {} : { code: outcome.error.code }),
      ms: Math.round((performance.now() - started) * 100) / 100,
    }, "action");
    return outcome;
  };
  const values = Object.fromEntries(Object.entries(input).filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const parsed = cmd.schema.safeParse(input);
  if (!parsed.success) {
    const { fieldErrors, formErrors } = z.flattenError(parsed.error);
    return done({ ok: false, error: new AppError("invalid", formErrors[0] ?? "Check the highlighted fields.", fieldErrors as Record<string, string[]>), values });
  }
  const stage: Stage = {};
  try {
    const data = cmd.scope === "public" ? await runPublic(cmd, parsed.data, stage) : await runAsCaller(cmd, claims, parsed.data, stage);
    const context = stage.committed!;
    const message = typeof cmd.message === "function" ? (cmd.message as (r: unknown, c: unknown) => string)(data, context) : cmd.message;
    return done({ ok: true, data: data as ResultOf<C>, message, context });
  } catch (e) {
    // The database refusing what the app's own checks let through (row-level security, 42501): a refused
    // authorization that should never happen, so on the record with the command (ASVS 16.3.2).
    if (claims && !(e instanceof AppError) && pgCode(e) === "42501") {
      await accessRefused({ userId: claims.sub, what: cmd.name, detail: `${cmd.name}: refused by the database's row-level security` });
    }
    if (e instanceof AppError && claims && (refusals.has(e) || limitRefusals.has(e))) {
      const clientId = (parsed.data as { clientId?: unknown }).clientId;
      const refusal = { userId: claims.sub, what: cmd.name, detail: `${cmd.name}${typeof clientId === "string" ? ` (client ${clientId})` : ""}: ${e.message}` };
      if (refusals.has(e)) await accessRefused(refusal);
      else await limitReached({ ...refusal, clientId: typeof clientId === "string" ? clientId : null, detail: e.message });
    }
    return done({ ok: false, error: asAppError(e, cmd.name), values, committed: stage.committed });
  }
}

/** How far a command got: `committed` once its transaction committed (the effect may still fail). */
interface Stage {
  committed?: EffectContext<unknown> | PublicContext<unknown>;
}

async function runPublic(cmd: Extract<AnyCommand, { scope: "public" }>, input: unknown, stage: Stage) {
  const context = { input };
  stage.committed = context;
  return cmd.effect(context);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any command of a caller
async function runAsCaller(cmd: CallerCommand<z.ZodType, any, any>, claims: Claims | null, input: unknown, stage: Stage) {
  if (!claims) throw sessionEnded();
  const { ctx, value } = await asUser(claims, async (tx) => {
    const ctx = await authorize(tx, claims, cmd, input);
    // The limits after sign-in (lib/commands/limits.ts), as the service role (the hits table is nobody else's).
    const limits = cmd.limits;
    if (limits?.length) await withServiceRole(tx, () => countLimits(tx, limits, { userId: ctx.viewer.userId, clientId: (ctx.client as { id: string } | null)?.id ?? null }));
    return { ctx, value: await cmd.run(ctx) };
  });
  const { tx: _tx, ...context } = ctx;
  stage.committed = context;
  // Whatever the change audited may have queued webhooks (a trigger on the audit trail) or Slack messages: send them
  // after the response.
  kickWebhookDelivery();
  kickSlackDelivery();
  return cmd.effect ? cmd.effect(context, value) : value;
}
