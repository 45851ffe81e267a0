// Next calls register() once when a server starts, before it serves a request (in `npm run serve`'s process
// too, after lib/platform/server.mjs has set its peer header). A production server that cannot know its
// callers' IP addresses stops here with a sentence naming the fixes (lib/auth/start-check).
import { startRefusal } from "@/lib/auth/start-check";

export function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const refusal = startRefusal({
    production: process.env.NODE_ENV === "production",
    peerHeader: (globalThis as { __rpPeerHeader?: string }).__rpPeerHeader,
    env: process.env,
  });
  if (refusal) {
    console.error(refusal);
    process.exit(1);
  }
}
