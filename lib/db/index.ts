import "server-only";
import postgres from "postgres";
import { env } from "@/lib/env";

// The app logs in as a role with no table privileges of its own (retainer_app / authenticator). Every
// query runs inside asUser (role `authenticated` + the caller's claims, so RLS applies) or asService
// (role `service_role`, for webhooks, cron jobs and sign-in bookkeeping). Nothing else reaches a table.

export type Tx = postgres.TransactionSql<Record<string, never>>;

export interface Claims {
  sub: string;
  email: string;
  role: "authenticated";
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

const globalForDb = globalThis as unknown as { __rpSql?: postgres.Sql };

export function sql(): postgres.Sql {
  if (!globalForDb.__rpSql) {
    const { DATABASE_URL: url, DATABASE_POOL_SIZE } = env();
    globalForDb.__rpSql = postgres(url, {
      max: DATABASE_POOL_SIZE,
      idle_timeout: 30,
      connect_timeout: 10,
      // Supabase's transaction-mode pooler cannot keep prepared statements.
      prepare: !/pooler\.supabase\.com|:6543\b/.test(url),
      onnotice: () => {},
      transform: { undefined: null },
      types: { bigint: safeBigint },
    });
  }
  return globalForDb.__rpSql;
}

/** One transaction as the signed-in user: RLS decides what it can see and change. */
export function asUser<T>(claims: Claims, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return sql().begin((tx) => after(tx`select set_config('role', 'authenticated', true),
                                           set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`, tx, fn)) as Promise<T>;
}

/** One transaction as the service role (bypasses RLS): only for work no user performs directly. */
export function asService<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return sql().begin((tx) => after(tx`select set_config('role', 'service_role', true)`, tx, fn)) as Promise<T>;
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
