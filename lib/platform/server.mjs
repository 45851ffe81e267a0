// `npm run serve` (and the embedded runner's `npm start`): the production build behind a plain Node HTTP
// server that tells the app each request's socket address. Next hides the socket from app code, and with
// no proxy in front a client's own X-Forwarded-For is all Next would pass on, so sign-in limits could be
// dodged by rotating it. Here the address travels in a header whose name is random per process (set on
// globalThis for lib/auth/client-ip), and any client-sent header of that family is dropped first.
// Behind a proxy or on Vercel, set TRUSTED_PROXY instead (README); plain `next start` then works too.
// It also keeps whole pages of clients' people (lib/platform/response-cache.mjs), keyed by the app.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import next from "next";
import { createAdmission } from "./admission.mjs";
import { cacheableRequest, createResponseCache } from "./response-cache.mjs";

const PEER_PREFIX = "x-rp-peer-";
const peerHeader = `${PEER_PREFIX}${randomBytes(12).toString("hex")}`;
globalThis.__rpPeerHeader = peerHeader;

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const port = Number(flag("-p") ?? process.env.PORT ?? 3000);
const hostname = flag("-H") ?? process.env.HOSTNAME ?? "0.0.0.0";

const app = next({ dev: false, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();
// The key function is the app's, registered by instrumentation.ts when Next starts it (RP_RESPONSE_CACHE=0 turns
// the cache off); until then nothing is cached.
const cacheOff = process.env.RP_RESPONSE_CACHE === "0";
const responses = createResponseCache({ keyOf: async (request) => (cacheOff ? null : (await globalThis.__rpResponseKey?.(request)) ?? null) });

// TRACE and TRACK echo a request back (cookies included) to whoever can read the answer; CONNECT asks for a tunnel.
// None is ever served (ASVS 13.4.4). Next itself cannot even build a Request for them (the Fetch standard forbids
// the three) and would answer 500: refused here first, with 405 and nothing echoed.
const REFUSED_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);

// At most RP_MAX_CONCURRENT requests inside the app at once (lib/platform/admission.mjs); 0 admits all at once.
const limit = Number(process.env.RP_MAX_CONCURRENT ?? 8);
const admission = createAdmission({ limit: limit > 0 ? limit : Infinity, holdMs: 2_000 });

const server = createServer((req, res) => {
  if (REFUSED_METHODS.has(req.method ?? "")) {
    res.writeHead(405, { allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS", "content-length": "0" }).end();
    return;
  }
  for (const name of Object.keys(req.headers)) if (name.startsWith(PEER_PREFIX)) delete req.headers[name];
  req.headers[peerHeader] = req.socket.remoteAddress ?? "";
  admission.admit(res, () => (cacheableRequest(req) ? responses.serve(req, res, () => handle(req, res)) : handle(req, res)));
});
server.listen(port, hostname, () => process.stdout.write(`▲ Retainer Portal on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}\n`));

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
