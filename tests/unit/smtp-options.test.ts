// Mail leaves over TLS (ASVS 12.3.1): in production an smtp:// relay on another host must upgrade with STARTTLS, and a
// server that offers none is refused instead of getting the mail in plain text. A real SMTP server without
// STARTTLS shows the refusal (127.0.0.2 is this machine, under a name the rule does not treat as loopback).
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smtpOptions } from "@/lib/mail/send";

let server: SMTPServer;
let port = 0;
const received: string[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    onData(stream, session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => (received.push(session.envelope.rcptTo[0].address), callback()));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.2", () => resolve()));
  port = (server.server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("SMTP transport security", () => {
  it("requires STARTTLS for smtp:// to another host in production, never for smtps:// (TLS already), loopback or development", () => {
    expect(smtpOptions("smtp://u:p@mail.example.com:587", true).requireTLS).toBe(true);
    expect(smtpOptions("smtps://u:p@mail.example.com:465", true).requireTLS).toBe(false);
    for (const host of ["127.0.0.1", "localhost", "[::1]"]) expect(smtpOptions(`smtp://${host}:25`, true).requireTLS, host).toBe(false);
    expect(smtpOptions("smtp://u:p@mail.example.com:587", false).requireTLS).toBe(false);
  });

  it("refuses to send to a server without STARTTLS when TLS is required, and sends when it is not", async () => {
    const mail = { from: "a@practice.test", to: "owner@client.test", subject: "s", text: "t" };
    const strict = nodemailer.createTransport(`smtp://127.0.0.2:${port}/?requireTLS=true`);
    await expect(strict.sendMail(mail)).rejects.toThrow(/STARTTLS/i);
    expect(received).toEqual([]);
    await nodemailer.createTransport(`smtp://127.0.0.2:${port}`).sendMail(mail);
    expect(received).toEqual(["owner@client.test"]);
  });
});
