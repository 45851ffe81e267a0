import "server-only";
// Security events (issue 29; ASVS 16.1.1–16.3.2): each is one structured log line (scope "security": kind,
// outcome, user, actor, client, ip; never an email, code or token) and one row of public.security_events,
// which the person sees on /account and an admin on /staff. docs/LOGGING.md lists every kind and when it is
// written.
import { headers } from "next/headers";
import { asService, type Tx } from "@/lib/db";
import { insertSecurityEvent } from "@/lib/db/security-events";
import { clientIp } from "@/lib/auth/client-ip";
import { logger } from "@/lib/platform/log";
import type { SessionOrigin } from "@/lib/db/sessions";
import type { SecurityEvent } from "@/lib/types/security";

const log = logger("security");

/** The request's browser and address (null outside a request: a job, a script). */
export async function requestOrigin(): Promise<SessionOrigin> {
  try {
    const h = await headers();
    return { userAgent: h.get("user-agent")?.slice(0, 400) ?? null, ip: await clientIp() };
  } catch {
    return { userAgent: null, ip: null };
  }
}

function logEvent(e: SecurityEvent) {
  const line = { event: e.kind, outcome: e.outcome, userId: e.userId ?? null, actorId: e.actorId ?? null, clientId: e.clientId ?? null, ip: e.ip ?? null, detail: e.detail ?? "" };
  if (e.outcome === "refused") log.warn(line, "security event");
  else log.info(line, "security event");
}

/** Records an event in the caller's transaction (it commits or rolls back with the change it describes). */
export async function securityEventIn(tx: Tx, event: SecurityEvent, origin?: SessionOrigin) {
  const e = { ...(origin ?? (await requestOrigin())), ...event };
  await insertSecurityEvent(tx, { event: e });
  logEvent(e);
}

/** Records an event on its own (a refusal whose transaction rolled back, a sign-in step). Never throws: the record must not break the request. */
export async function securityEvent(event: SecurityEvent, origin?: SessionOrigin) {
  const e = { ...(origin ?? (await requestOrigin())), ...event };
  try {
    await asService((tx) => insertSecurityEvent(tx, { event: e }));
  } catch (err) {
    log.error({ err, event: e.kind }, "security event not recorded");
  }
  logEvent(e);
}

/** Refusals anyone can cause at will: at most this many rows per key (person and kind, or address) per minute and server; every one is logged. */
const REFUSALS_PER_MINUTE = 30;
const refusalCounts = new Map<string, { minute: number; n: number }>();

function withinBudget(key: string): boolean {
  const minute = Math.floor(Date.now() / 60_000);
  const seen = refusalCounts.get(key);
  const count = seen && seen.minute === minute ? seen.n + 1 : 1;
  if (refusalCounts.size >= 10_000) refusalCounts.clear();
  refusalCounts.set(key, { minute, n: count });
  return count <= REFUSALS_PER_MINUTE;
}

/**
 * A refusal of someone who is not signed in (a code request over the limit, a wrong code): recorded as a row up to
 * REFUSALS_PER_MINUTE per address (or, unknown, per email), so a flood cannot grow the table without end.
 */
export async function refusedSignIn(event: SecurityEvent) {
  const origin = await requestOrigin();
  const e = { ...origin, ...event };
  if (withinBudget(`${e.kind}:${origin.ip ?? e.email ?? "unknown"}`)) await securityEvent(e, origin);
  else logEvent(e);
}

/**
 * A signed-in person was refused (a page or command outside their access, or a session that has ended). Always
 * logged; recorded as a row up to REFUSALS_PER_MINUTE per person and `what` (a command's name, "page", "ended
 * session"), so probing cannot flood the table and one kind of probing cannot hide another.
 */
export async function accessRefused({ userId, clientId = null, what, detail }: { userId: string; clientId?: string | null; what: string; detail: string }) {
  const event: SecurityEvent = { kind: "access_refused", outcome: "refused", userId, clientId, detail: detail.slice(0, 300) };
  if (withinBudget(`${userId}:${what}`)) await securityEvent(event);
  else logEvent({ ...event, ...(await requestOrigin()) });
}

/**
 * A machine door refused its bearer (`door`: "API token", "cron", "inbound mail"): logged always, a row up to
 * REFUSALS_PER_MINUTE per door and address. Never says what was sent.
 */
export async function refusedBearer(door: string, detail: string) {
  const origin = await requestOrigin();
  const e: SecurityEvent = { ...origin, kind: "bearer_refused", outcome: "refused", detail: `${door}: ${detail}`.slice(0, 300) };
  if (withinBudget(`bearer:${door}:${origin.ip ?? "unknown"}`)) await securityEvent(e, origin);
  else logEvent(e);
}

/** A limit after sign-in refused a person's command: logged always, a row up to REFUSALS_PER_MINUTE per person and command. */
export async function limitReached({ userId, clientId = null, what, detail }: { userId: string; clientId?: string | null; what: string; detail: string }) {
  const e: SecurityEvent = { kind: "limit_reached", outcome: "refused", userId, clientId, detail: `${what}: ${detail}`.slice(0, 300) };
  if (withinBudget(`limit:${userId}:${what}`)) await securityEvent(e);
  else logEvent({ ...e, ...(await requestOrigin()) });
}
