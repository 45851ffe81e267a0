// How the app connects to Postgres, read from the environment in one place: the pool size, whether
// prepared statements may be used, and TLS. Pure and free of `server-only`: the start check
// (instrumentation.ts), the app's pool (lib/db) and `npm run staff` read the same answer.
//
// - DATABASE_POOLER=transaction declares a transaction-mode pooler in front (Supabase's Supavisor on 6543,
//   PgBouncer with pool_mode=transaction): prepared statements are off, since the next transaction may run
//   on another server connection. DATABASE_PREPARE=true|false overrides. Nothing is guessed from the URL.
// - DATABASE_POOL_SIZE: connections this instance may hold; 10 on a server, 2 on a serverless host
//   (Vercel, Lambda), where every instance holds its own pool and the pooler multiplexes them.
// - DATABASE_TLS: `verify-full` (the default in production) encrypts and checks the server's certificate and
//   name against DATABASE_CA_FILE (a PEM path) or DATABASE_CA (the PEM itself), else the system's CAs.
//   `off` is the explicit opt-out for a database on the same host or private network, logged at start.
//   The URL's own `sslmode` is honoured only as far as it is safe: verify-full/verify-ca mean verify;
//   require/prefer/allow encrypt without checking who answers, which production refuses.

export type TlsMode = "verify-full" | "off" | "unverified";

export interface DatabaseSettings {
  max: number;
  prepare: boolean;
  tls: TlsMode;
  /** For postgres.js: false, an unverified "require", or verification options. */
  ssl: false | "require" | { rejectUnauthorized: true; ca?: string };
  /** Why a production server must not start with these settings; null when it may. */
  refusal: string | null;
  /** What the operator should read in the log at start (an opt-out, a default taken). */
  notes: string[];
}

type Env = Readonly<Record<string, string | undefined>>;

const truthy = (v: string | undefined) => (v === undefined || v === "" ? undefined : /^(1|true|on|yes)$/i.test(v));

export const isServerless = (env: Env) => Boolean(env.VERCEL || env.AWS_LAMBDA_FUNCTION_NAME || env.NETLIFY);

function urlSslMode(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).searchParams.get("sslmode") ?? undefined;
  } catch {
    return undefined;
  }
}

export function databaseHost(url: string | undefined): string {
  try {
    return url ? new URL(url).hostname : "";
  } catch {
    return "";
  }
}

/**
 * The connection settings for `env`. `readFile` reads DATABASE_CA_FILE (injected so this stays pure for
 * tests); a file that cannot be read is a refusal, not a silent fallback to the system's CAs.
 */
export function databaseSettings(env: Env, readFile: (path: string) => string = () => {
  throw new Error("no file reader");
}): DatabaseSettings {
  const production = env.NODE_ENV === "production";
  const notes: string[] = [];
  let refusal: string | null = null;

  const sizeText = env.DATABASE_POOL_SIZE;
  const size = sizeText ? Number(sizeText) : isServerless(env) ? 2 : 10;
  const max = Number.isInteger(size) && size >= 1 && size <= 100 ? size : 10;
  if (sizeText && max !== size) refusal ??= `DATABASE_POOL_SIZE is ${JSON.stringify(sizeText)}; it must be a whole number from 1 to 100.`;

  const pooler = env.DATABASE_POOLER ?? "";
  if (!["", "none", "transaction", "session"].includes(pooler)) {
    refusal ??= `DATABASE_POOLER is ${JSON.stringify(pooler)}; it must be transaction, session or none.`;
  }
  const prepare = truthy(env.DATABASE_PREPARE) ?? pooler !== "transaction";

  const embedded = env.RP_EMBEDDED_DATABASE === "1" && ["127.0.0.1", "localhost", "[::1]", "::1"].includes(databaseHost(env.DATABASE_URL));
  const sslmode = urlSslMode(env.DATABASE_URL);
  const asked = env.DATABASE_TLS ?? "";
  let tls: TlsMode;
  if (asked === "verify-full" || asked === "off") tls = asked;
  else if (asked !== "") {
    refusal ??= `DATABASE_TLS is ${JSON.stringify(asked)}; it must be verify-full or off.`;
    tls = "verify-full";
  } else if (sslmode === "verify-full" || sslmode === "verify-ca") tls = "verify-full";
  else if (sslmode === "require" || sslmode === "prefer" || sslmode === "allow") tls = "unverified";
  else if (sslmode === "disable") tls = production && !embedded ? "verify-full" : "off";
  else tls = production && !embedded ? "verify-full" : "off";

  if (tls === "unverified" && production) {
    refusal ??=
      `Refusing to start: DATABASE_URL asks for sslmode=${sslmode}, which encrypts but never checks who answers. ` +
      "Set DATABASE_TLS=verify-full with DATABASE_CA_FILE (Supabase: the CA certificate from Project Settings → Database), " +
      "or DATABASE_TLS=off for a database on this host.";
  }
  if (sslmode === "disable" && production && !embedded && asked === "") {
    refusal ??= "Refusing to start: DATABASE_URL says sslmode=disable. Set DATABASE_TLS=off to say so on purpose (a database on this host), or remove it to verify the server.";
  }

  let ca: string | undefined;
  if (tls === "verify-full") {
    if (env.DATABASE_CA) ca = env.DATABASE_CA;
    else if (env.DATABASE_CA_FILE) {
      try {
        ca = readFile(env.DATABASE_CA_FILE);
      } catch (e) {
        refusal ??= `Refusing to start: DATABASE_CA_FILE (${env.DATABASE_CA_FILE}) cannot be read: ${(e as Error).message}`;
      }
    } else if (production) notes.push("database TLS verifies the server against the system's certificate authorities (set DATABASE_CA_FILE for your provider's CA)");
  }
  if (tls === "off" && production) {
    notes.push(
      embedded
        ? "database connection without TLS: the embedded database on this host"
        : `database connection without TLS (DATABASE_TLS=off) to ${databaseHost(env.DATABASE_URL) || "the database"}: only for a database on this host or a private network`,
    );
  }
  if (production && pooler === "transaction") notes.push(`database through a transaction-mode pooler: prepared statements ${prepare ? "ON (DATABASE_PREPARE=true)" : "off"}`);

  const ssl: DatabaseSettings["ssl"] =
    tls === "off" ? false : tls === "unverified" ? "require" : ca ? { rejectUnauthorized: true, ca } : { rejectUnauthorized: true };
  return { max, prepare, tls, ssl, refusal, notes };
}
