// Retention (ASVS 14.1.2, 16.1.1): the daily prune removes what is past its period and nothing younger, through the
// real route with the cron secret, and its run is recorded with what it removed. Rows are planted just past and just
// within each period (other test files' rows are all younger than any period), and checked by id.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { asService } from "@/lib/db";
import { pruneExpired } from "@/lib/db/retention";
import { RETENTION } from "@/lib/domain/retention";
import { POST as pruneCron } from "@/app/api/cron/prune/route";
import { admin, createCast, createUser } from "../support/fixtures";

const CRON_SECRET = "prune-test-secret-0123456789abcdef";
const savedSecret = process.env.CRON_SECRET;
process.env.CRON_SECRET = CRON_SECRET;
afterAll(() => {
  if (savedSecret === undefined) delete process.env.CRON_SECRET;
  else process.env.CRON_SECRET = savedSecret;
});

const DAY = 86_400_000;

describe("the prune", () => {
  it("removes each kind of row past its period, keeps the younger, and empties old mail bodies but keeps the row", async () => {
    const cast = await createCast();
    const user = await createUser("retention");
    const now = new Date();
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
    const tag = randomUUID().slice(0, 8);
    const planted: Record<string, { old: string; young: string }> = {};
    const pair = async (name: string, insert: (when: Date, label: string) => Promise<string>, days: number) => {
      planted[name] = { old: await insert(at(days + 1), `old-${tag}`), young: await insert(at(days - 1), `young-${tag}`) };
    };
    await pair("rate_limit_hits", async (w, l) => String((await admin`insert into public.rate_limit_hits (bucket, at) values (${l}, ${w}) returning id`)[0].id), RETENTION.rateLimitHitsDays);
    await pair("security_events", async (w, l) => (await admin`insert into public.security_events (kind, outcome, user_id, detail, at) values ('signed_in', 'ok', ${user.id}, ${l}, ${w}) returning id`)[0].id, RETENTION.securityEventsDays);
    await pair("sign_in_codes", async (w, l) => (await admin`insert into public.sign_in_codes (email, code_hash, expires_at) values (${`${l}@x.test`}, 'h', ${w}) returning id`)[0].id, RETENTION.signInCodesDays);
    await pair("sessions", async (w) => (await admin`
      insert into private.sessions (user_id, created_at, expires_at, revoked_at) values (${user.id}, ${new Date(w.getTime() - DAY)}, ${new Date(w.getTime() + DAY)}, ${w}) returning id`)[0].id, RETENTION.endedSessionsDays);
    await pair("outbox", async (w, l) => (await admin`
      insert into public.outbox (kind, to_email, subject, body_text, status, sent_at) values ('x', ${`${l}@x.test`}, 'Hello', 'Your code is 123456', 'sent', ${w}) returning id`)[0].id, RETENTION.mailBodiesDays);
    await pair("inbound_emails", async (w, l) => (await admin`insert into public.inbound_emails (outcome, reason, received_at) values ('refused', ${l}, ${w}) returning id`)[0].id, RETENTION.inboundEmailsDays);
    await pair("import_files", async (w, l) => (await admin`
      insert into public.import_files (uploaded_by, file_name, format, bytes, uploaded_at) values (${cast.admin.id}, ${l}, 'harvest', '\\x41', ${w}) returning id`)[0].id, RETENTION.importFileBytesDays);
    // A session still live at "now" is never removed, however old its start.
    const [live] = await admin`insert into private.sessions (user_id, created_at, expires_at) values (${user.id}, ${at(1000)}, ${new Date(now.getTime() + DAY)}) returning id`;

    const report = await asService((tx) => pruneExpired(tx, { now }));
    for (const k of ["rateLimitHits", "securityEvents", "signInCodes", "endedSessions", "mailBodies", "inboundEmails", "importFiles"] as const) expect(report[k], k).toBeGreaterThanOrEqual(1);

    const exists = async (table: string, id: string) => (await admin.unsafe(`select 1 from ${table} where id = $1`, [id])).length === 1;
    for (const [name, table] of [["rate_limit_hits", "public.rate_limit_hits"], ["security_events", "public.security_events"], ["sign_in_codes", "public.sign_in_codes"],
      ["sessions", "private.sessions"], ["inbound_emails", "public.inbound_emails"], ["import_files", "public.import_files"]] as const) {
      expect(await exists(table, planted[name].old), `${name}: the old row is gone`).toBe(false);
      expect(await exists(table, planted[name].young), `${name}: the young row stays`).toBe(true);
    }
    expect(await exists("private.sessions", live.id)).toBe(true);
    // Mail: the old body is emptied (the code in it gone), the row kept until its own, longer period.
    const mail = await admin`select id, body_text, subject from public.outbox where id in (${planted.outbox.old}, ${planted.outbox.young})`;
    expect(mail.find((m) => m.id === planted.outbox.old)).toMatchObject({ body_text: "", subject: "Hello" });
    expect(mail.find((m) => m.id === planted.outbox.young)).toMatchObject({ body_text: "Your code is 123456" });
    // A second run finds nothing more of these.
    const again = await asService((tx) => pruneExpired(tx, { now }));
    expect(again.mailBodies).toBe(0);
  });

  it("runs as the daily job only with the cron secret, and records what it removed", async () => {
    expect((await pruneCron(new Request("http://localhost/api/cron/prune", { method: "POST" }))).status).toBe(401);
    const res = await pruneCron(new Request("http://localhost/api/cron/prune", { method: "POST", headers: { authorization: `Bearer ${CRON_SECRET}` } }));
    expect(res.status).toBe(200);
    const summary = await res.json();
    expect(Object.keys(summary).sort()).toEqual(["deliveries", "endedSessions", "importFiles", "inboundEmails", "jobRuns", "mailBodies", "mailRows", "rateLimitHits",
      "resealed", "securityEvents", "signInCodes", "stripeEvents", "webauthnChallenges"]);
    const [run] = await admin`select ok, summary from public.job_runs where job = 'prune' order by started_at desc limit 1`;
    expect(run).toMatchObject({ ok: true, summary });
  });

  it("the security record is append-only: not even the app's service role updates or deletes a row, and a removed person's events stay", async () => {
    const user = await createUser("append-only");
    const [row] = await admin`insert into public.security_events (kind, outcome, user_id, detail) values ('signed_in', 'ok', ${user.id}, 'kept') returning id`;
    await expect(asService((tx) => tx`delete from public.security_events where id = ${row.id}`)).rejects.toThrow(/permission denied/);
    await expect(asService((tx) => tx`update public.security_events set detail = 'changed' where id = ${row.id}`)).rejects.toThrow(/permission denied/);
    // The prune's function removes nothing younger than 400 days, whatever it is asked.
    expect((await asService((tx) => tx`select private.prune_security_events(now() + interval '1 day') as n`))[0].n).toBeGreaterThanOrEqual(0);
    expect(await admin`select detail from public.security_events where id = ${row.id}`).toEqual([{ detail: "kept" }]);
    // Deleting the person clears the link and keeps the facts.
    await admin`delete from auth.users where id = ${user.id}`;
    expect(await admin`select user_id, detail from public.security_events where id = ${row.id}`).toEqual([{ user_id: null, detail: "kept" }]);
  });
});
