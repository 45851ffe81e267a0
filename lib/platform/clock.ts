// The app's calendar clock: what "today" is in each client's zone, the current month, which months are due
// for closing. Everything that decides a business date asks `clockNow()` here instead of `new Date()`.
//
// Tests fix it with RP_CLOCK=<ISO instant>: the clock then starts at that instant when the process starts
// and ticks in real time from there, so records still come in order. Security timestamps (sessions, sign-in
// codes, rate limits, invitation expiry) never use it: they stay on real time.
//
// Never settable in production: a production server honours RP_CLOCK only when the embedded runner started
// its own throwaway database for it (RP_EMBEDDED_DATABASE=1, set by lib/dev/cli.ts, with a loopback
// DATABASE_URL). A real deployment with RP_CLOCK set refuses to start its first request instead of billing
// at the wrong date.

import { testSettingsAllowed } from "@/lib/platform/embedded";

const bootMs = Date.now();

export class ClockConfigError extends Error {}

/** The fixed start the environment asks for, or null for real time; throws when it is not allowed. */
export function fixedClockStart(env: NodeJS.ProcessEnv = process.env): number | null {
  const value = env.RP_CLOCK;
  if (!value) return null;
  const start = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(start)) {
    throw new ClockConfigError(`RP_CLOCK must be an ISO instant like 2028-02-29T09:00:00Z, not "${value}"`);
  }
  if (!testSettingsAllowed(env)) {
    throw new ClockConfigError("RP_CLOCK is for tests on the embedded database; a production deployment runs on real time");
  }
  return start;
}

let start: number | null | undefined;

/** The current instant on the calendar clock. */
export function clockNow(): Date {
  if (start === undefined) start = fixedClockStart();
  return start === null ? new Date() : new Date(start + (Date.now() - bootMs));
}
