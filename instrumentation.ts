// Next calls register() once when a server starts, before it serves a request (in `npm run serve`'s process
// too, after lib/platform/server.mjs has set its peer header). A production server that cannot know its
// callers' IP addresses stops here with a sentence naming the fixes (lib/auth/start-check).
export async function register() {
  // Imported only in the Node runtime, as Next advises: the Edge build never sees process.exit.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { enforceStartCheck } = await import("@/lib/auth/start-check");
    enforceStartCheck(process.env.NODE_ENV === "production", process.env);
  }
}
