// lib/platform/admission.mjs, `npm run serve`'s admission, in front of a real HTTP server: at most `limit` requests
// inside at once, the rest in arrival order; a slot comes back when a response ends, when its client goes away,
// or after holdMs.
import { createServer, request, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createAdmission } from "@/lib/platform/admission.mjs";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

/** A server whose requests are held open until the test ends them; `started` lists them in the order they ran. */
async function heldServer(limit: number, holdMs: number) {
  const admission = createAdmission({ limit, holdMs });
  const started: string[] = [];
  const open = new Map<string, ServerResponse>();
  server = createServer((req, res) => admission.admit(res, () => {
    started.push(req.url!);
    open.set(req.url!, res);
  }));
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  const send = (path: string) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false });
    const done = new Promise<number>((resolve, reject) => {
      req.on("response", (res) => res.resume().on("end", () => resolve(res.statusCode!)));
      req.on("error", reject);
    });
    req.end();
    return { req, done };
  };
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(check()).toBe(true);
  };
  return { admission, started, open, send, until };
}

describe("admission", () => {
  it("lets `limit` requests in and the rest wait in arrival order", async () => {
    const s = await heldServer(2, 10_000);
    const sent = ["/1", "/2", "/3", "/4", "/5"].map((p) => s.send(p));
    await s.until(() => s.admission.state.waiting === 3);
    expect(s.started).toEqual(["/1", "/2"]);
    expect(s.admission.state).toEqual({ inside: 2, waiting: 3 });
    // Ending one lets exactly the next in, in the order they came.
    s.open.get("/2")!.end("ok");
    expect(await sent[1].done).toBe(200);
    await s.until(() => s.started.length === 3);
    expect(s.started).toEqual(["/1", "/2", "/3"]);
    for (const p of ["/1", "/3"]) s.open.get(p)!.end("ok");
    await s.until(() => s.started.length === 5);
    expect(s.started).toEqual(["/1", "/2", "/3", "/4", "/5"]);
    for (const p of ["/4", "/5"]) s.open.get(p)!.end("ok");
    expect(await Promise.all(sent.map((x) => x.done))).toEqual([200, 200, 200, 200, 200]);
    expect(s.admission.state).toEqual({ inside: 0, waiting: 0 });
  });

  it("gives a slot back when its client goes away, and never runs a request whose client left while it waited", async () => {
    const s = await heldServer(1, 10_000);
    const first = s.send("/first");
    await s.until(() => s.started.length === 1);
    const gaveUp = s.send("/gave-up");
    gaveUp.done.catch(() => undefined);
    const third = s.send("/third");
    await s.until(() => s.admission.state.waiting === 2);
    gaveUp.req.destroy();
    await s.until(() => s.admission.state.waiting === 1); // it left the queue
    first.done.catch(() => undefined);
    first.req.destroy(); // the request inside is abandoned: its slot comes back
    await s.until(() => s.started.length === 2);
    expect(s.started).toEqual(["/first", "/third"]);
    s.open.get("/third")!.end("ok");
    expect(await third.done).toBe(200);
    await s.until(() => s.admission.state.inside === 0 && s.admission.state.waiting === 0);
  });

  it("lends a slot for holdMs at most: a long response lets the next request in and still finishes", async () => {
    const s = await heldServer(1, 50);
    const long = s.send("/long-download");
    await s.until(() => s.started.length === 1);
    const next = s.send("/next");
    await s.until(() => s.started.length === 2); // after 50 ms, while the first is still open
    expect(s.open.get("/long-download")!.writableEnded).toBe(false);
    s.open.get("/next")!.end("ok");
    s.open.get("/long-download")!.end("done");
    expect(await Promise.all([long.done, next.done])).toEqual([200, 200]);
    expect(s.admission.state).toEqual({ inside: 0, waiting: 0 });
  });
});
