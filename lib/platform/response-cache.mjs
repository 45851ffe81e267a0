// Whole page responses of clients' people, kept in `npm run serve`'s process (issue 24). lib/platform/server.mjs
// hands every GET of a cacheable page here before Next sees it:
//   - the key comes from the app (lib/pages/response-key.ts, registered by instrumentation.ts): null renders the
//     page as always and stores nothing; a key names the person, session, client data version, day, path and
//     everything the shell shows, read live from the database on every request, so a copy is never served after
//     a change made by any server, and never to anyone else;
//   - a miss renders through Next uncompressed, buffered, keeps the body when it is a 200 HTML page that sets no
//     cookie, and sends it; a hit answers the kept body and headers with a fresh CSP nonce in place of the one it
//     was rendered with (each response still carries its own nonce); both gzipped when the browser accepts it.
// Hosted deployments (Vercel) run no custom server: there the pages' own `"use cache"` rendering is the cache.
import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { LRUCache } from "lru-cache";

/** The paths of the pages cached here; lib/pages/response-key.ts decides the rest (query, person, access). */
const PAGE_PATH = /^\/clients\/[0-9a-f-]{36}(?:\/(?:hours|roadmap|updates))?(?:\?|$)/;
/** Request headers of Next's client navigations, prefetches and actions: those answers are not pages. */
const NOT_A_DOCUMENT = ["rsc", "next-router-prefetch", "next-router-state-tree", "next-action"];
/** Response headers that belong to one response only. */
const PER_RESPONSE = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "x-rp-cache"]);
/** A page larger than this is not kept (the largest ledger page is ~300 kB). */
const MAX_PAGE_BYTES = 2 * 1024 * 1024;

/** A GET of a document the cache may answer, before any key is asked. */
export function cacheableRequest(req) {
  return req.method === "GET" && PAGE_PATH.test(req.url ?? "") && !NOT_A_DOCUMENT.some((h) => h in req.headers);
}

/** proxy.ts's nonce: base64 of a random UUID. */
export const newNonce = () => Buffer.from(randomUUID()).toString("base64");

/** The nonce a response's Content-Security-Policy allows scripts by. */
export const nonceOf = (csp) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(String(csp ?? ""))?.[1] ?? null;

/**
 * What to keep of a finished response, or null: a 200 HTML page, uncompressed, setting no cookie, with a nonce
 * in its policy, within the size limit. The body is kept split at its nonce, so a hit joins it with a fresh one.
 */
export function keptResponse(statusCode, headers, body) {
  if (statusCode !== 200 || body === null || body.length > MAX_PAGE_BYTES) return null;
  if (headers["set-cookie"] !== undefined || headers["content-encoding"] !== undefined) return null;
  if (!String(headers["content-type"] ?? "").startsWith("text/html")) return null;
  const nonce = nonceOf(headers["content-security-policy"]);
  if (!nonce) return null;
  const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => !PER_RESPONSE.has(name)));
  return { headers: kept, parts: body.toString("utf8").split(nonce), nonce };
}

/** The kept response with `nonce` in place of the one it was rendered with: in its body and every header (policy, preload links). */
export function withNonce(kept, nonce) {
  const swap = (value) => (Array.isArray(value) ? value.map(swap) : typeof value === "string" ? value.split(kept.nonce).join(nonce) : value);
  const headers = Object.fromEntries(Object.entries(kept.headers).map(([name, value]) => [name, swap(value)]));
  return { headers, body: Buffer.from(kept.parts.join(nonce), "utf8") };
}

/**
 * The cache of one server process. `keyOf(request)` is the app's key function; `maxBytes` bounds the bodies kept
 * (least recently used go first; an hour at most, since a key's day may pass).
 */
export function createResponseCache({ keyOf, maxBytes = 64 * 1024 * 1024 }) {
  const entries = new LRUCache({
    maxSize: maxBytes,
    sizeCalculation: (kept) => Math.max(1, kept.parts.reduce((n, p) => n + p.length, 0)),
    ttl: 60 * 60 * 1000,
  });
  /** Sends `body` with `headers` (status and other headers already on `res`), gzipped when the browser accepts it. */
  function send(req, res, body, end) {
    let payload = body;
    if (body.length > 1024 && !res.hasHeader("content-encoding") && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
      payload = gzipSync(body);
      res.setHeader("content-encoding", "gzip");
      const vary = res.getHeader("vary");
      res.setHeader("vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
    }
    res.removeHeader("transfer-encoding");
    res.setHeader("content-length", String(payload.length));
    return end.call(res, payload);
  }

  function answer(req, res, kept) {
    const { headers, body } = withNonce(kept, newNonce());
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.statusCode = 200;
    res.setHeader("x-rp-cache", "hit");
    send(req, res, body, res.end);
  }

  /**
   * Buffers what Next writes to `res` (uncompressed: the request's Accept-Encoding was taken away), keeps it under
   * `key` when it may, and sends it when Next ends the response, gzipped for a browser that accepts it.
   */
  function capture(req, res, key, acceptEncoding) {
    const chunks = [];
    let size = 0;
    const { write, end, writeHead } = res;
    const collect = (chunk, encoding) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function") return;
      const buffer = typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8") : Buffer.from(chunk);
      size += buffer.length;
      chunks.push(buffer);
    };
    res.setHeader("x-rp-cache", "miss");
    // Nothing reaches the socket before the end: the status and headers Next gives are kept on `res` until then.
    res.writeHead = function (statusCode, reason, headers) {
      const given = typeof reason === "object" && reason !== null ? reason : headers;
      if (typeof reason === "string") res.statusMessage = reason;
      res.statusCode = statusCode;
      if (Array.isArray(given)) for (let i = 0; i + 1 < given.length; i += 2) res.setHeader(given[i], given[i + 1]);
      else if (given) for (const [name, value] of Object.entries(given)) res.setHeader(name, value);
      return res;
    };
    res.write = function (chunk, encoding, cb) {
      collect(chunk, encoding);
      const done = typeof encoding === "function" ? encoding : cb;
      if (done) process.nextTick(done);
      return true;
    };
    res.end = function (chunk, encoding, cb) {
      collect(chunk, encoding);
      Object.assign(res, { write, end, writeHead });
      const body = Buffer.concat(chunks, size);
      const kept = keptResponse(res.statusCode, res.getHeaders(), size > MAX_PAGE_BYTES ? null : body);
      if (kept) entries.set(key, kept);
      req.headers["accept-encoding"] = acceptEncoding;
      const result = send(req, res, body, end);
      const done = [chunk, encoding, cb].find((f) => typeof f === "function");
      if (done) res.once("finish", done);
      return result;
    };
  }

  return {
    /** Answers `req` from the cache, or has `render` answer it (and keeps the page when it may). */
    async serve(req, res, render) {
      let key = null;
      try {
        key = await keyOf({ url: req.url, cookie: req.headers.cookie });
      } catch {
        key = null; // the database is away, say: Next renders the page and reports it as it always does
      }
      if (!key) return render();
      const kept = entries.get(key);
      if (kept) return answer(req, res, kept);
      const acceptEncoding = req.headers["accept-encoding"];
      delete req.headers["accept-encoding"]; // rendered uncompressed, so a hit can put its own nonce in
      capture(req, res, key, acceptEncoding);
      return render();
    },
  };
}
