// Issue 22, the exports: /clients/:id/export (owners and the client's staff) and /export (admins). Signed out →
// the sign-in redirect; everyone else, for every client and for ids that are no client, → 404 with no byte of
// the archive and none of the client's name. The owners' and the admin's own downloads are the control: 200, a
// ZIP that names only the clients they may see.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { demoId } from "@/lib/dev/seed";
import { cookieFor, type PEOPLE, type Stack } from "../harness";

type Key = "harbor" | "kiwi" | "sakura";
type Who = keyof typeof PEOPLE;
/** Who may export each client: its owners and the staff who work for it (sam is the admin; priya works for Kiwi). */
const ALLOWED: Record<Key, Who[]> = { harbor: ["sam", "olivia"], kiwi: ["sam", "priya", "aroha"], sakura: ["sam", "yuki"] };
const PEOPLE_TRIED: Who[] = ["sam", "priya", "olivia", "marco", "aroha", "yuki"];

export async function exports(stack: Stack, report: (line: string) => void, ctx: { checksums: () => Promise<Record<string, string>> }) {
  const before = await ctx.checksums();
  const clients = { harbor: demoId("client:harbor"), kiwi: demoId("client:kiwi"), sakura: demoId("client:sakura") };
  const names = Object.fromEntries(await Promise.all((Object.keys(clients) as Key[]).map(async (k) => [k,
    (await stack.admin<{ name: string }[]>`select name from public.clients where id = ${clients[k]}`)[0].name]))) as Record<Key, string>;
  let attempts = 0;
  let succeeded = 0;
  let controls = 0;
  const problems: string[] = [];
  const get = (path: string, cookie?: string) => fetch(`${stack.base}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });

  const refused = async (path: string, who: Who | null, expected: number) => {
    attempts++;
    const res = await get(path, who ? await cookieFor(stack, who) : undefined);
    const body = Buffer.from(await res.arrayBuffer());
    const text = body.toString("latin1");
    const leaks = Object.values(names).some((n) => text.includes(n));
    const zip = body.subarray(0, 2).toString("latin1") === "PK" || (res.headers.get("content-type") ?? "").includes("zip");
    if (res.status !== expected || leaks || zip || (expected === 307 && !(res.headers.get("location") ?? "").includes("/login"))) {
      succeeded++;
      problems.push(`${who ?? "signed out"} GET ${path}: ${res.status}${leaks ? ", names a client" : ""}${zip ? ", a ZIP" : ""}`);
    }
  };
  const control = async (path: string, who: Who, allowed: Key[]) => {
    const res = await get(path, await cookieFor(stack, who));
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const meta = JSON.parse(strFromU8(files[Object.keys(files).find((n) => n.endsWith("meta.json"))!])) as { clients: { id: string }[] };
    const ids = meta.clients.map((c) => c.id).sort();
    const want = allowed.map((k) => clients[k]).sort();
    if (res.status !== 200 || !want.every((id) => ids.includes(id)) || ids.some((id) => Object.values(clients).includes(id) && !want.includes(id))) {
      problems.push(`${who} GET ${path} (control): ${res.status}, clients ${ids.join(", ")}`);
    }
    controls++;
  };

  for (const k of Object.keys(clients) as Key[]) {
    await refused(`/clients/${clients[k]}/export`, null, 307);
    for (const who of PEOPLE_TRIED) {
      if (ALLOWED[k].includes(who)) await control(`/clients/${clients[k]}/export`, who, [k]);
      else await refused(`/clients/${clients[k]}/export`, who, 404);
    }
  }
  await refused("/export", null, 307);
  for (const who of PEOPLE_TRIED.filter((w) => w !== "sam")) await refused("/export", who, 404);
  await control("/export", "sam", ["harbor", "kiwi", "sakura"]);
  for (const who of PEOPLE_TRIED) {
    for (const id of [randomUUID(), "not-a-uuid", "..%2F..%2Fexport", demoId("sam@practice.test")]) await refused(`/clients/${id}/export`, who, 404);
  }
  const after = await ctx.checksums();
  const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
  report(`exports: ${attempts} attempts (signed out, people outside each client, ids that are no client), succeeded: ${succeeded}; ${controls} own downloads with only their clients; rows changed: ${changed.length}`);
  assert.deepEqual(problems, []);
  assert.equal(succeeded, 0);
  assert.deepEqual(changed, []);
}
