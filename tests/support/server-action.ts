// Calling a server action over HTTP the way a browser does needs the request body React itself would send.
// Shared by the stress suite (tests/stress/harness.ts) and the benchmark (bench/log-entry.ts).
import { createRequire } from "node:module";

// React's own reply encoder, as bundled with Next: the same bytes a browser sends for an action call.
export const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-webpack/client.node.js") as {
  encodeReply: (value: unknown) => Promise<string | FormData>;
};
