// lib/platform/response-cache.mjs, the whole-page cache of `npm run serve`, in front of a real HTTP server whose
// "render" plays Next: it writes a page in chunks with the nonce of its CSP header, as proxy.ts and Next do.
import { createServer, get as httpGet, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cacheableRequest, createResponseCache, keptResponse, newNonce, nonceOf } from "@/lib/platform/response-cache.mjs";

const CLIENT = "/clients/7d5f4c1e-8a61-4f0e-9b7a-3c2d1e0f9a8b";
let server: Server;
let base: string;
let renders = 0;
let key: string | null = "k1";
/** What the next render answers: a page, or another status, or a cookie. */
let mode: "page" | "404" | "cookie" | "huge" = "page";
const cache = createResponseCache({ keyOf: async () => key, maxBytes: 10 * 1024 * 1024 });

function render(req: IncomingMessage, res: ServerResponse) {
  renders++;
  const nonce = newNonce();
  res.setHeader("content-security-policy", `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  res.setHeader("link", `</_next/static/a.css>; rel=preload; as="style"; nonce="${nonce}"`);
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.setHeader("x-accept-encoding-seen", String(req.headers["accept-encoding"] ?? ""));
  if (mode === "cookie") res.setHeader("set-cookie", "rp_session=new; HttpOnly");
  res.statusCode = mode === "404" ? 404 : 200;
  res.write(`<!DOCTYPE html><html><head><script nonce="${nonce}" src="/a.js"></script></head>`);
  res.write(Buffer.from(`<body><p>render ${renders}: Ärger über €</p><p>${"Lorem ipsum dolor sit amet. ".repeat(80)}</p>`));
  if (mode === "huge") res.write("x".repeat(3 * 1024 * 1024));
  res.end(`<script nonce="${nonce}">self.__next_f.push([1,"{\\"nonce\\":\\"${nonce}\\"}"])</script></body></html>`);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    if (cacheableRequest(req)) void cache.serve(req, res, () => render(req, res));
    else render(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  mode = "page";
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${base}${path}`, { headers });
  return { res, html: await res.text(), nonce: nonceOf(res.headers.get("content-security-policy")) };
};

/** The dashboard as a plain HTTP client gets it: no Accept-Encoding unless given, the body as sent. */
const raw = (headers: Record<string, string>) => new Promise<{ status: number; headers: IncomingMessage["headers"]; body: Buffer }>((resolve, reject) => {
  httpGet(`${base}${CLIENT}`, { headers }, (res) => {
    const chunks: Buffer[] = [];
    res.on("data", (c: Buffer) => chunks.push(c)).on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
  }).on("error", reject);
});

describe("the whole-page cache", () => {
  it("answers a kept page with a fresh nonce in its body and headers, and renders nothing for it", async () => {
    key = "fresh-nonce";
    const first = await get(CLIENT);
    expect(first.res.headers.get("x-rp-cache")).toBe("miss");
    const before = renders;
    const second = await get(CLIENT);
    const third = await get(CLIENT);
    expect(renders).toBe(before);
    expect(second.res.headers.get("x-rp-cache")).toBe("hit");
    expect(new Set([first.nonce, second.nonce, third.nonce]).size).toBe(3);
    for (const { res, html, nonce } of [second, third]) {
      expect(html.split(nonce!).length - 1).toBe(3); // two script tags and the payload's copy
      expect(html).not.toContain(first.nonce!);
      expect(res.headers.get("link")).toContain(`nonce="${nonce}"`);
      expect(html).toContain("Ärger über €");
      expect(html.replaceAll(nonce!, "N")).toBe(first.html.replaceAll(first.nonce!, "N"));
    }
  });

  it("renders again under another key (a write moved the version, another person, another day)", async () => {
    key = "version-1";
    await get(`${CLIENT}/hours`);
    const seen = renders;
    expect((await get(`${CLIENT}/hours`)).res.headers.get("x-rp-cache")).toBe("hit");
    key = "version-2";
    const after = await get(`${CLIENT}/hours`);
    expect(after.res.headers.get("x-rp-cache")).toBe("miss");
    expect(renders).toBe(seen + 1);
    expect(after.html).toContain(`render ${seen + 1}`);
  });

  it("renders without keeping when the app gives no key (no session, staff, no access)", async () => {
    key = null;
    const before = renders;
    const a = await get(`${CLIENT}/roadmap`);
    await get(`${CLIENT}/roadmap`);
    expect(renders).toBe(before + 2);
    expect(a.res.headers.get("x-rp-cache")).toBeNull();
  });

  it("keeps no refusal, no response that sets a cookie and no page over 2 MB", async () => {
    for (const m of ["404", "cookie", "huge"] as const) {
      key = `not-kept-${m}`;
      mode = m;
      await get(`${CLIENT}/updates`);
      const before = renders;
      const again = await get(`${CLIENT}/updates`);
      expect(renders, m).toBe(before + 1);
      expect(again.res.headers.get("x-rp-cache"), m).toBe("miss");
    }
  });

  it("has Next render uncompressed (to put a nonce in later) and gzips misses and hits for browsers that accept it", async () => {
    key = "gzip";
    const miss = await raw({ "accept-encoding": "gzip, br" });
    expect(miss.headers["x-rp-cache"]).toBe("miss");
    expect(miss.headers["x-accept-encoding-seen"]).toBe("");
    expect(miss.headers["content-encoding"]).toBe("gzip");
    expect(Number(miss.headers["content-length"])).toBe(miss.body.length);
    expect(gunzipSync(miss.body).toString("utf8")).toContain("Ärger über €");
    const zipped = await raw({ "accept-encoding": "gzip" });
    expect(zipped.headers["x-rp-cache"]).toBe("hit");
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toContain("Accept-Encoding");
    expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
    expect(gunzipSync(zipped.body).toString("utf8")).toContain("Ärger über €");
    const plain = await raw({});
    expect(plain.headers["x-rp-cache"]).toBe("hit");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString("utf8")).toContain("Ärger über €");
  });

  it("sends a miss whole, with the status and headers Next gave it, however Next wrote them", async () => {
    key = "write-head";
    mode = "404";
    const res = await raw({});
    expect([res.status, res.headers["x-rp-cache"]]).toEqual([404, "miss"]);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.body.toString("utf8")).toMatch(/^<!DOCTYPE html>.*<\/html>$/s);
    expect(Number(res.headers["content-length"])).toBe(res.body.length);
  });

  it("only takes GETs of the four pages, and never Next's navigations, prefetches or actions", () => {
    const req = (method: string, url: string, headers: Record<string, string> = {}) => cacheableRequest({ method, url, headers } as IncomingMessage);
    for (const url of [CLIENT, `${CLIENT}/hours?month=2026-11`, `${CLIENT}/roadmap?view=timeline`, `${CLIENT}/updates?page=2`]) expect(req("GET", url), url).toBe(true);
    expect(req("POST", CLIENT)).toBe(false);
    expect(req("HEAD", CLIENT)).toBe(false);
    for (const h of ["rsc", "next-router-prefetch", "next-router-state-tree", "next-action"]) expect(req("GET", CLIENT, { [h]: "1" }), h).toBe(false);
    for (const url of [`${CLIENT}/settings`, `${CLIENT}/invoices`, "/clients/new", `${CLIENT}/hours/export`, "/account", `/clients/x${CLIENT}`]) expect(req("GET", url), url).toBe(false);
  });

  it("keeps only a 200 HTML page with a nonce, without its per-response headers", () => {
    const body = Buffer.from("<p>x</p>");
    const csp = "script-src 'nonce-abc='";
    expect(keptResponse(200, { "content-type": "text/html", "content-security-policy": csp, date: "now", "content-length": "8" }, body)?.headers).toEqual({ "content-type": "text/html", "content-security-policy": csp });
    expect(keptResponse(200, { "content-type": "application/json", "content-security-policy": csp }, body)).toBeNull();
    expect(keptResponse(200, { "content-type": "text/html" }, body)).toBeNull();
    expect(keptResponse(200, { "content-type": "text/html", "content-security-policy": csp, "content-encoding": "gzip" }, body)).toBeNull();
    expect(keptResponse(302, { "content-type": "text/html", "content-security-policy": csp }, body)).toBeNull();
  });
});
