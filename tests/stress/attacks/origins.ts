// Issue 20, items 3 and 6. Every server action called with valid fields and a real session, but from another
// origin (Origin: evil; evil plus X-Forwarded-Host: evil, which Next's own check used to accept; a scheme or
// port swapped through X-Forwarded-Proto/Port; Origin: null; the same server under another name; Host: evil;
// the no-JavaScript form post): each answered 403 with a sentence, nothing written. Then the portal's own
// origin with forged X-Forwarded-* headers still works (the proxy drops them without TRUSTED_PROXY, so they
// cannot make Next refuse a genuine call either). And the production build under plain `next start`, with no
// way to know a caller's IP, refuses to start.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { encodeReply } from "../../support/server-action";
import { actionSpecs, type Ids } from "../actions";
import { actionIds, cookieFor, type Stack } from "../harness";

interface Reply { status: number; text: string }

/** A raw POST, so Host and every X-Forwarded-* header are exactly what an attacker would send. */
function post(stack: Stack, pathname: string, headers: Record<string, string>, body: Buffer): Promise<Reply> {
  const url = new URL(stack.base);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: "127.0.0.1", port: url.port, path: pathname, method: "POST",
      headers: { host: url.host, ...headers, "content-length": body.length },
    }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** The body and content type a browser sends for `action(null, form)`. */
async function encoded(fields: Record<string, string>): Promise<{ body: Buffer; type: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const reply = new Response((await encodeReply([null, form])) as FormData | string);
  return { body: Buffer.from(await reply.arrayBuffer()), type: reply.headers.get("content-type") ?? "text/plain;charset=UTF-8" };
}

/** The no-JavaScript form post: multipart fields plus `$ACTION_ID_<id>`, no Next-Action header. */
async function formPost(actionId: string, fields: Record<string, string>): Promise<{ body: Buffer; type: string }> {
  const form = new FormData();
  form.append(`$ACTION_ID_${actionId}`, "");
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const reply = new Response(form);
  return { body: Buffer.from(await reply.arrayBuffer()), type: reply.headers.get("content-type")! };
}

/** Rows sign-in writes (codes, limit counters, sessions): the tenant checksums do not cover them. */
async function signInRows(stack: Stack): Promise<number> {
  const [row] = await stack.admin<{ n: number }[]>`select (select count(*) from public.sign_in_codes) + (select count(*) from public.rate_limit_hits)
    + (select count(*) from private.sessions) as n`;
  return Number(row.n);
}

/** `next start` of the production build, without TRUSTED_PROXY: it must exit non-zero, naming both fixes. */
async function plainNextStart(port: number): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", SESSION_SECRET: "s".repeat(40) };
  for (const name of ["TRUSTED_PROXY", "NEXT_PUBLIC_SUPABASE_URL", "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY"]) delete env[name];
  const child = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output };
}

export async function origins(stack: Stack, report: (line: string) => void, ctx: { idsOf: (key: "harbor") => Promise<Ids>; checksums: () => Promise<Record<string, string>> }) {
  const actions = actionIds();
  const ids = await ctx.idsOf("harbor");
  const url = new URL(stack.base);
  const evil = "https://evil.example";
  const variants: [string, Record<string, string>][] = [
    ["Origin: evil", { origin: evil }],
    ["Origin evil + X-Forwarded-Host evil", { origin: evil, "x-forwarded-host": "evil.example" }],
    ["Origin evil + X-Forwarded-Host/Proto evil", { origin: evil, "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }],
    ["https origin + X-Forwarded-Proto https", { origin: `https://${url.host}`, "x-forwarded-proto": "https" }],
    ["other port + X-Forwarded-Host/Port", { origin: `http://${url.hostname}:${Number(url.port) + 1}`, "x-forwarded-host": `${url.hostname}:${Number(url.port) + 1}`, "x-forwarded-port": String(Number(url.port) + 1) }],
    ["Origin: null", { origin: "null" }],
    ["same server as 127.0.0.1", { origin: `http://127.0.0.1:${url.port}`, "x-forwarded-host": `127.0.0.1:${url.port}` }],
    ["Host: evil", { origin: "http://evil.example", host: "evil.example" }],
  ];
  // Sessions first: minting one writes a row, and the count below must see the attacks' writes only.
  const cookies = new Map<string, string>();
  for (const spec of actionSpecs(ids)) if (!cookies.has(spec.as)) cookies.set(spec.as, await cookieFor(stack, spec.as));
  const before = await ctx.checksums();
  const signInBefore = await signInRows(stack);
  const statuses = new Map<number, number>();
  const wrong: string[] = [];
  let attempts = 0;
  let refused = 0;
  const tally = (what: string, r: Reply) => {
    attempts++;
    statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    if (r.status === 403 && /so it was refused and nothing was changed/.test(r.text)) refused++;
    else wrong.push(`${what}: ${r.status} ${r.text.slice(0, 120)}`);
  };
  for (const spec of actionSpecs(ids)) {
    const action = actions.get(spec.name)!;
    const cookie = cookies.get(spec.as)!;
    const fields = Object.fromEntries(Object.entries(spec.fields).map(([k, v]) => [k, v.value]));
    const call = await encoded(fields);
    for (const [label, headers] of variants) {
      const r = await post(stack, action.path, { "next-action": action.id, accept: "text/x-component", "content-type": call.type, cookie, ...headers }, call.body);
      tally(`${spec.name} (${label})`, r);
    }
    const form = await formPost(action.id, fields);
    tally(`${spec.name} (no-JS form post, Origin: evil)`, await post(stack, action.path, { "content-type": form.type, cookie, origin: evil }, form.body));
  }
  const after = await ctx.checksums();
  const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
  const signInChanged = (await signInRows(stack)) - signInBefore;

  // The portal's own origin with forged forwarding headers: served as usual (they are dropped, not believed).
  const log = actions.get("logEntryAction")!;
  const sam = cookies.get("sam")!;
  const entry = actionSpecs(ids).find((s) => s.name === "logEntryAction")!;
  const own = await encoded({ ...Object.fromEntries(Object.entries(entry.fields).map(([k, v]) => [k, v.value])), description: "Own origin, forged X-Forwarded-Host" });
  const genuine = await post(stack, log.path, {
    "next-action": log.id, accept: "text/x-component", "content-type": own.type, cookie: sam, origin: stack.base,
    "x-forwarded-host": "evil.example", "x-forwarded-proto": "https",
  }, own.body);
  const genuineOk = genuine.status === 200 && genuine.text.includes('{"ok":true');

  report(`cross-origin actions: ${attempts} attempts (${actionSpecs(ids).length} actions × ${variants.map(([l]) => l).join("; ")}; no-JS form post), ` +
    `answered 403: ${refused}, succeeded: ${attempts - refused}, rows changed: ${changed.length + signInChanged}; ` +
    `own origin with forged X-Forwarded-Host/Proto: ${genuineOk ? "served" : `${genuine.status}`}`);

  const start = await plainNextStart(Number(url.port) + 2);
  const named = /Refusing to start/.test(start.output) && start.output.includes("npm run serve") && start.output.includes("TRUSTED_PROXY");
  report(`next start without a known client IP: ${start.code !== 0 && named ? `refused to start (exit ${start.code}, naming npm run serve and TRUSTED_PROXY)` : `exit ${start.code}`}`);

  assert.deepEqual(wrong.slice(0, 10), []);
  assert.deepEqual(changed, []);
  assert.equal(signInChanged, 0);
  assert.ok(genuineOk, `own origin: ${genuine.status} ${genuine.text.slice(0, 200)}`);
  assert.ok(start.code !== 0 && named, start.output.slice(-500));
}
