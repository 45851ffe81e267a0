// What the production rehearsal's stack and spec share: ports and the secrets the app is configured with.
// The secrets are made fresh per run, so the log scan looks for values that exist nowhere else.
import { randomBytes } from "node:crypto";

const secret = (label: string) => `${label}_${randomBytes(18).toString("base64url")}`;

// REHEARSAL_PORT (the app; the doubles take the next four) and REHEARSAL_PG_PORT run a second rehearsal beside
// another one on the same machine, in a state folder of its own. Every port the suites listen on sits below
// Linux's ephemeral range (32768–60999): a port in it can be held at that moment as the local end of some client's
// connection, and PgBouncer once failed to bind 54380 on CI that way.
const own = process.env.REHEARSAL_PORT ? Number(process.env.REHEARSAL_PORT) : null;
export const PORTS = own === null
  ? { app: 3200, pg: 25379, pooler: 25380, stripe: 4120, anthropic: 4110, smtp: 2626, inbox: 4130, second: 3205 }
  : { app: own, pg: Number(process.env.REHEARSAL_PG_PORT ?? own + 22000), pooler: Number(process.env.REHEARSAL_PG_PORT ?? own + 22000) + 1, stripe: own + 1, anthropic: own + 2, smtp: own + 3, inbox: own + 4, second: own + 5 };
export const APP_URL = `http://localhost:${PORTS.app}`;
/** A second app server of the same deployment on the same database (DESIGN §10: a practice that outgrows one box). */
export const SECOND_URL = `http://localhost:${PORTS.second}`;
export const STATE_DIR = own === null ? "/tmp/retainer-portal-rehearsal" : `/tmp/retainer-portal-rehearsal-${own}`;
export const LOG_FILE = `${STATE_DIR}/app.log`;

export interface RehearsalSecrets {
  superuserPassword: string;
  appPassword: string;
  sessionSecret: string;
  cronSecret: string;
  stripeSecretKey: string;
  stripeWebhookSecret: string;
  anthropicApiKey: string;
  smtpPassword: string;
  actionsKey: string;
}

/** Made by the config (once per run) and read back by the stack and the spec, which run in other processes. */
export function rehearsalSecrets(): RehearsalSecrets {
  if (process.env.REHEARSAL_SECRETS) return JSON.parse(process.env.REHEARSAL_SECRETS) as RehearsalSecrets;
  const s: RehearsalSecrets = {
    superuserPassword: secret("pgsuper"),
    appPassword: secret("pgapp"),
    sessionSecret: secret("session"),
    cronSecret: secret("cron"),
    stripeSecretKey: secret("sk_test"),
    stripeWebhookSecret: secret("whsec"),
    anthropicApiKey: secret("sk-ant"),
    smtpPassword: secret("smtp"),
    actionsKey: randomBytes(32).toString("base64"),
  };
  process.env.REHEARSAL_SECRETS = JSON.stringify(s);
  return s;
}

/**
 * The app's connection as an operator configures it on a hosted project: the least-privilege login, through
 * the transaction pooler (PgBouncer standing in for Supavisor, on a port that is not 6543, so nothing can
 * guess it), over TLS verified against the rehearsal's CA (DATABASE_CA_FILE).
 */
export const appDatabaseUrl = (s: RehearsalSecrets) => `postgres://retainer_app:${s.appPassword}@127.0.0.1:${PORTS.pooler}/postgres`;
/** Where the stack keeps the test CA's certificate: the app's DATABASE_CA_FILE. */
export const CA_DIR = `${STATE_DIR}/ca`;
/** The database settings an operator gives the app and `npm run staff` for that connection (README, step 3). */
export const appDatabaseEnv = (s: RehearsalSecrets) => ({
  DATABASE_URL: appDatabaseUrl(s),
  DATABASE_POOLER: "transaction",
  DATABASE_TLS: "verify-full",
  DATABASE_CA_FILE: `${CA_DIR}/ca.crt`,
});
export const adminDatabaseUrl = (s: RehearsalSecrets) => `postgresql://postgres:${s.superuserPassword}@127.0.0.1:${PORTS.pg}/postgres`;
