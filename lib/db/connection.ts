// Transactions under a role: as the signed-in user (role `authenticated` + their claims, so RLS applies) or
// as the service role. On any connection: the app's pool (lib/db) or a script's own (`npm run staff`).
import postgres from "postgres";
import type { DatabaseSettings } from "@/lib/db/connection-settings";

export type Tx = postgres.TransactionSql<Record<string, never>>;

export interface Claims {
  sub: string;
  email: string;
  role: "authenticated";
  /** A local session's id: private.session_live() checks it on every page view and action. */
  sid?: string;
  /** A Supabase Auth session's id (GoTrue's claim): private.session_live() checks it in auth.sessions. */
  session_id?: string;
}

/**
 * int8 (every _cents column, count(*)) arrives as a JS number, checked to be a safe integer, so money is
 * never a float and never silently loses digits.
 */
const safeBigint = {
  to: 20,
  from: [20],
  serialize: (x: number | bigint) => x.toString(),
  parse: (x: string) => {
    const n = Number(x);
    if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${x} is beyond the safe integer range`);
    return n;
  },
};

export interface ConnectionOptions {
  max: number;
  /** Off behind a transaction-mode pooler (lib/db/connection-settings: DATABASE_POOLER, DATABASE_PREPARE). */
  prepare?: boolean;
  /** TLS as lib/db/connection-settings resolved it; false on the embedded database and in tests. */
  ssl?: DatabaseSettings["ssl"];
}

/** A connection (pool) to `url` with the app's settings: safe int8, undefined as null, no notices. */
export function openConnection(url: string, { max, prepare = true, ssl = false }: ConnectionOptions): postgres.Sql {
  return postgres(url, {
    max,
    idle_timeout: 30,
    connect_timeout: 10,
    prepare,
    ssl,
    onnotice: () => {},
    transform: { undefined: null },
    types: { bigint: safeBigint },
  });
}

/** One transaction as the signed-in user on `connection`: RLS decides what it can see and change. */
export function asUserOn<T>(connection: postgres.Sql, claims: Claims, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return connection.begin((tx) => after(tx`select set_config('role', 'authenticated', true),
                                                 set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`, tx, fn)) as Promise<T>;
}

/** One transaction as the service role on `connection` (bypasses RLS). */
export function asServiceOn<T>(connection: postgres.Sql, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return connection.begin((tx) => after(tx`select set_config('role', 'service_role', true)`, tx, fn)) as Promise<T>;
}
/**
 * Sends the role switch, then runs `fn` without waiting for its reply: the connection runs statements in
 * order, so every query of `fn` runs after it (and fails with the transaction if it failed). One round trip
 * fewer per transaction.
 */
async function after<T>(setup: postgres.PendingQuery<postgres.Row[]>, tx: postgres.TransactionSql, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const sent = setup.execute();
  const [, result] = await Promise.all([sent, fn(tx as unknown as Tx)]);
  return result;
}

/** Postgres error code of a failed query, if any. */
export const pgCode = (e: unknown): string | undefined =>
  typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : undefined;

/**
 * One statement as the service role inside the caller's transaction (an audit event of a change the caller
 * was allowed to make), in one round trip: the caller's role is kept in a transaction-local setting, and
 * the switch, the statement and the switch back are queued together, so nothing else the caller runs on
 * this transaction falls in between. Works inside withServiceRole too (it switches back to service_role).
 */
export async function serviceStatement<T extends readonly unknown[]>(tx: Tx, statement: postgres.PendingQuery<T & postgres.Row[]>): Promise<T> {
  const [, , result] = await Promise.all([
    tx`select set_config('rp.caller_role', current_setting('role'), true)`,
    tx`select set_config('role', 'service_role', true)`,
    statement,
    tx`select set_config('role', current_setting('rp.caller_role'), true)`,
  ]);
  return result as unknown as T;
}

/**
 * Runs `fn` as the service role inside a user transaction, then switches back. For system side effects
 * of a change the user was allowed to make (queueing its email), so both commit or roll back together.
 */
export async function withServiceRole<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  const [{ previous }] = await tx<{ previous: string }[]>`
    select current_setting('role') as previous, set_config('role', 'service_role', true)`;
  try {
    return await fn();
  } finally {
    await tx`select set_config('role', ${previous}, true)`;
  }
}
