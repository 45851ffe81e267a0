// Structured logging: one JSON line per event, a child logger per scope. No console.log in lib/.
//
// Secrets never reach the log: fields that carry them are redacted by path, and as a last wall every line is
// scrubbed of the configured secret values themselves (keys, webhook and session secrets, passwords in
// connection URLs), whatever object or error message they hid in.
import pino from "pino";

const SECRET_VARIABLES = [
  "SESSION_SECRET", "SESSION_SECRET_PREVIOUS", "CRON_SECRET", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "ANTHROPIC_API_KEY",
  "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY", "SUPABASE_SERVICE_ROLE_KEY", "INBOUND_EMAIL_SECRET",
] as const;

/** The secret values of this process: configured secrets and the passwords inside DATABASE_URL and SMTP_URL. */
export function secretValues(env: NodeJS.ProcessEnv = process.env): string[] {
  const values: string[] = SECRET_VARIABLES.map((name) => env[name] ?? "");
  for (const name of ["DATABASE_URL", "SMTP_URL"]) {
    try {
      const password = decodeURIComponent(new URL(env[name] ?? "").password);
      values.push(password);
    } catch {
      // not a URL: nothing to take from it
    }
  }
  return [...new Set(values.filter((v) => v.length >= 8))].sort((a, b) => b.length - a.length);
}

export function scrubber(values: string[]): (line: string) => string {
  if (values.length === 0) return (line) => line;
  const escaped = values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(escaped.join("|"), "g");
  return (line) => line.replace(pattern, "[redacted]");
}

const scrub = scrubber(secretValues());

export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: { app: "retainer-portal" },
  redact: {
    paths: [
      "*.password", "*.token", "*.code", "*.secret", "*.secretKey", "*.apiKey", "claims.email",
      "*.headers.authorization", "*.headers.cookie", '*.headers["set-cookie"]', '*.headers["stripe-signature"]', '*.headers["x-api-key"]',
    ],
    censor: "[redacted]",
  },
  hooks: { streamWrite: scrub },
});

export const logger = (scope: string) => log.child({ scope });
