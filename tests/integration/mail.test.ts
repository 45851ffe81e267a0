// Outbox delivery over real SMTP to a loopback server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverPending } from "@/lib/mail/send";
import { admin } from "../support/fixtures";
import { startSmtpDouble } from "../doubles/smtp";

let smtp: Awaited<ReturnType<typeof startSmtpDouble>>;
beforeAll(async () => {
  smtp = await startSmtpDouble({ failFor: "bounce@test.local" });
});
afterAll(() => smtp.close());

describe("outbox delivery", () => {
  it("sends pending mail once, records it, and retries failures later", async () => {
    const tag = Date.now();
    await admin`insert into public.outbox (kind, to_email, subject, body_text, dedupe_key) values
      ('test', 'owner@test.local', ${`Hello ${tag}`}, 'Body text', ${`t1-${tag}`}),
      ('test', 'bounce@test.local', ${`Bounce ${tag}`}, 'Body', ${`t2-${tag}`})`;
    // Other test files queue mail too; judge only ours.
    const report = await deliverPending({ smtpUrl: smtp.url, from: "Retainer Portal <no-reply@test.local>", limit: 1000 });
    expect(report.sent).toBeGreaterThanOrEqual(1);
    expect(report.failed).toBeGreaterThanOrEqual(1);
    const ours = smtp.received.filter((m) => m.raw.includes(`${tag}`));
    expect(ours).toHaveLength(1);
    expect(ours[0].to).toEqual(["owner@test.local"]);
    expect(ours[0].raw).toContain(`Subject: Hello ${tag}`);
    const rows = await admin`select to_email, status, attempts, last_error is not null as errored, next_attempt_at > now() as later
      from public.outbox where dedupe_key like ${`%-${tag}`} order by to_email`;
    expect(rows).toEqual([
      { to_email: "bounce@test.local", status: "pending", attempts: 1, errored: true, later: true },
      { to_email: "owner@test.local", status: "sent", attempts: 1, errored: false, later: false },
    ]);
    await deliverPending({ smtpUrl: smtp.url, from: "x@test.local", limit: 1000 });
    expect(smtp.received.filter((m) => m.raw.includes(`${tag}`))).toHaveLength(1); // sent once, the bounce not retried yet
  });

  it("does nothing without SMTP", async () => {
    expect(await deliverPending({ smtpUrl: undefined, from: "x@test.local" })).toEqual({ sent: 0, failed: 0 });
  });
});
