// Where the bench runs its stack and how long it measures. The other knobs are read where they act:
// BENCH_BUILD (stack.ts), BENCH_LIGHTHOUSE (run.ts), CHROMIUM_PATH (lighthouse.ts).
export const PG_PORT = 25379;
export const APP_PORT = 3400;
export const BASE = `http://localhost:${APP_PORT}`;
/** The small dataset's own cluster and app server, measured alternately with the scale dataset's (issue 24). */
export const SMALL_PG_PORT = PG_PORT + 1;
export const SMALL_APP_PORT = APP_PORT + 1;
export const SMALL_BASE = `http://localhost:${SMALL_APP_PORT}`;
/** BENCH_SECONDS: the length of one autocannon run; the alternating rounds against the twins take half each. */
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Wiped at the start of every run: the cluster's data directory and the saved fixture. */
export const DIR = "/tmp/retainer-portal-bench";
/** The app's SESSION_SECRET, so the bench can mint its own sessions. */
export const SECRET = "bench-session-secret-0123456789abcdef";
