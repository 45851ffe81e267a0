// Retention (issue 29), on the production stack: the daily prune deletes rows, so its door is attacked like every
// other. Rows past their period are planted (a security event 401 days old, a rate-limit hit 3 days old), then:
//   - GET and POST without the cron secret, with a wrong one, an empty one and Basic auth: 401, nothing removed;
//   - the real secret: the planted rows are gone, a younger event stays, and the run is recorded.
// Figure: attempts, succeeded 0, rows removed by refused calls 0.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { Stack } from "../harness";

type Report = (line: string) => void;

export async function prune(stack: Stack, report: Report) {
  const tag = `prune-${randomUUID().slice(0, 8)}`;
  const [old] = await stack.admin`insert into public.security_events (kind, outcome, detail, at) values ('signed_in', 'ok', ${tag}, now() - interval '401 days') returning id`;
  const [young] = await stack.admin`insert into public.security_events (kind, outcome, detail, at) values ('signed_in', 'ok', ${tag}, now() - interval '399 days') returning id`;
  const [hit] = await stack.admin`insert into public.rate_limit_hits (bucket, at) values (${tag}, now() - interval '3 days') returning id`;
  const planted = async () => (await stack.admin`
    select (select count(*) from public.security_events where detail = ${tag})::int + (select count(*) from public.rate_limit_hits where bucket = ${tag})::int as n`)[0].n as number;

  let attempts = 0;
  let succeeded = 0;
  for (const authorization of [undefined, "Bearer wrong-secret", "Bearer ", "Basic c3RyZXNzOnN0cmVzcw=="]) {
    for (const method of ["GET", "POST"]) {
      const res = await fetch(`${stack.base}/api/cron/prune`, { method, headers: authorization ? { authorization } : {} });
      attempts++;
      if (res.status !== 401) succeeded++;
    }
  }
  const removedByRefused = 3 - (await planted());

  const { cronSecret } = JSON.parse(fs.readFileSync(path.join(stack.stateDir, "secrets.json"), "utf8")) as { cronSecret: string };
  const res = await fetch(`${stack.base}/api/cron/prune`, { method: "POST", headers: { authorization: `Bearer ${cronSecret}` } });
  assert.equal(res.status, 200, `the prune runs with the secret: ${await res.clone().text()}`);
  const left = await stack.admin`select id from public.security_events where id in (${old.id}, ${young.id})`;
  assert.deepEqual(left.map((r) => r.id), [young.id], "the 401-day-old event is gone, the 399-day-old one stays");
  assert.equal((await stack.admin`select 1 from public.rate_limit_hits where id = ${hit.id}`).length, 0, "the 3-day-old hit is gone");
  report(`retention prune: ${attempts} attempts (GET and POST without the cron secret, with a wrong, an empty and a Basic one), succeeded: ${succeeded}, ` +
    `rows removed by refused calls: ${removedByRefused}; with the secret: ${JSON.stringify(await res.json())}`);
  assert.equal(succeeded, 0);
  assert.equal(removedByRefused, 0);
}
