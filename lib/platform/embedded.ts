// Settings that exist for tests (a fixed clock, webhooks to loopback) are honoured outside production, and in a
// production build only when the embedded runner started its own throwaway database for it
// (RP_EMBEDDED_DATABASE=1, set by lib/dev/cli.ts, with a loopback DATABASE_URL): never on a real deployment.

export function isLoopback(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** Whether this process may honour a test-only setting. */
export function testSettingsAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV !== "production" || (env.RP_EMBEDDED_DATABASE === "1" && isLoopback(env.DATABASE_URL));
}
