// Structured logging: one JSON line per event, a child logger per scope. No console.log in lib/.
import pino from "pino";

export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: { app: "retainer-portal" },
  redact: { paths: ["*.password", "*.token", "*.code", "claims.email"], censor: "[redacted]" },
});

export const logger = (scope: string) => log.child({ scope });
