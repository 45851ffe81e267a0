// The outbox: queuing renders the template set into text and HTML (issue 28, item 12); delivery goes over real
// SMTP to a loopback server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asService } from "@/lib/db";
import { enqueueMail, enqueueMails } from "@/lib/mail/outbox";
import { deliverPending } from "@/lib/mail/send";
import { signInCodeMail, staffInvitationMail } from "@/lib/mail/templates";
import { admin } from "../support/fixtures";
import { parseMail, startSmtpDouble } from "../doubles/smtp";

let smtp: Awaited<ReturnType<typeof startSmtpDouble>>;
beforeAll(async () => {
  smtp = await startSmtpDouble({ failFor: "bounce@test.local" });
});
afterAll(() => smtp.close());

describe("queuing", () => {
  it("fills body_html with the rendered template, the practice's name and the preferences link", async () => {
    const to = `queued-${Date.now()}@test.local`;
    expect(await asService((tx) => enqueueMail(tx, signInCodeMail({ to, code: "246810", ttlMinutes: 10 })))).toBe(true);
    const [row] = await admin<{ subject: string; body_text: string; body_html: string | null }[]>`
      select subject, body_text, body_html from public.outbox where to_email = ${to}`;
    const [{ name }] = await admin<{ name: string }[]>`select name from public.practice_settings`;
    expect(row.subject).toBe(`Your sign-in code for ${name}`);
    expect(row.body_html).toMatch(/^<!DOCTYPE html/);
    expect(row.body_html).toContain(name);
    expect(row.body_html).toContain(">246810<");
    expect(row.body_html).toMatch(/href="[^"]+\/account#notifications"[^>]*>Email preferences</);
    expect(row.body_text).toMatch(/^246810$/m);
  });

  it("renders nothing for a key already queued, and queues it once", async () => {
    const tag = Date.now();
    const draft = { ...staffInvitationMail({ to: `twice-${tag}@test.local`, role: "engineer", link: "http://localhost:3000/invite/x", inviter: "Sam" }), dedupeKey: `twice-${tag}` };
    expect(await asService((tx) => enqueueMails(tx, [draft]))).toBe(1);
    const compose = () => { throw new Error("rendered again"); };
    expect(await asService((tx) => enqueueMails(tx, [{ ...draft, compose }]))).toBe(0);
    expect((await admin`select 1 from public.outbox where dedupe_key = ${`twice-${tag}`}`).length).toBe(1);
  });
});

describe("outbox delivery", () => {
  it("sends each email as multipart text and HTML", async () => {
    const to = `multipart-${Date.now()}@test.local`;
    await asService((tx) => enqueueMail(tx, signInCodeMail({ to, code: "135790", ttlMinutes: 10 })));
    await deliverPending({ smtpUrl: smtp.url, from: "Retainer Portal <no-reply@test.local>", limit: 1000 });
    const raw = smtp.received.find((m) => m.to.includes(to))!.raw;
    expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
    const mail = parseMail(raw, [to]);
    expect(mail.subject).not.toMatch(/\d{6}/);
    expect(mail.text).toMatch(/^135790$/m);
    expect(mail.html).toContain(">135790<");
  });

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
