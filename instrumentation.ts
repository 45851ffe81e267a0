// Next calls register() once when a server starts, before it serves a request (in `npm run serve`'s process
// too, after lib/platform/server.mjs has set its peer header). A production server that cannot know its
// callers' IP addresses stops here with a sentence naming the fixes (lib/auth/start-check).
export async function register() {
  // Imported only in the Node runtime, as Next advises: the Edge build never sees process.exit.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { enforceStartCheck } = await import("@/lib/auth/start-check");
    enforceStartCheck(process.env.NODE_ENV === "production", process.env);
    // The key of a cached page response, for lib/platform/server.mjs's cache (lib/pages/response-key): only in that
    // server's process (it set its peer header first); `next start` and Vercel load nothing for it at start-up.
    const g = globalThis as { __rpPeerHeader?: string; __rpResponseKey?: unknown };
    if (g.__rpPeerHeader) g.__rpResponseKey = (await import("@/lib/pages/response-key")).responseKey;
  }
}
