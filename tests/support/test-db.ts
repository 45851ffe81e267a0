// Which database of the test cluster this vitest worker uses (tests/support/global-db.ts). Integration files run two at
// a time, each worker on a database of its own cloned from the migrated one, so the jobs a file runs (month close,
// Stripe push, mail), which work on every due row, never take another file's rows.
import postgres from "postgres";
import { inject } from "vitest";

/** The worker's slot in the pool (1, 2, …): its database is `postgres` for the first, `rp_worker_<n>` for the others. */
const slot = () => Number(process.env.VITEST_POOL_ID ?? "1");

export const workerDatabase = (n = slot()) => (n <= 1 ? "postgres" : `rp_worker_${n}`);

/** `url` pointed at another database of the same cluster. */
export const retarget = (url: string, database: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

/** The superuser's and the app's URLs for this worker's database. */
export function testDatabaseUrls() {
  const n = slot();
  if (n > inject("workerDatabases")) throw new Error(`vitest worker ${n} has no database: global-db.ts makes ${inject("workerDatabases")}`);
  const database = workerDatabase(n);
  return { adminUrl: retarget(inject("adminUrl"), database), appUrl: retarget(inject("appUrl"), database) };
}

/**
 * Runs `fn` while no other worker bootstraps or migrates a database of its own: roles are the cluster's, and two
 * bootstraps granting them at once could trip over each other.
 */
export async function serialSchemaWork<T>(fn: () => Promise<T>): Promise<T> {
  const lock = postgres(inject("adminUrl"), { max: 1, onnotice: () => {} });
  try {
    await lock`select pg_advisory_lock(20261208)`;
    return await fn();
  } finally {
    await lock.end();
  }
}
