// A real SMTP server on loopback that keeps what it receives (the smtp-server package nodemailer's authors ship).
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export async function startSmtpDouble(opts: { failFor?: string } = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onRcptTo(address, _session, callback) {
      if (opts.failFor && address.address === opts.failFor) return callback(new Error("550 mailbox unavailable"));
      callback();
    },
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      stream.on("end", () => {
        received.push({ from: String(session.envelope.mailFrom && session.envelope.mailFrom.address), to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export interface ParsedMail {
  to: string[];
  subject: string;
  text: string;
  /** The text/html part, if the mail had one. */
  html: string | null;
  at: string;
}

/** Undoes quoted-printable (nodemailer's default for long lines), as UTF-8 bytes. */
const decodeQp = (s: string) => {
  const bytes = s.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
};

/** A part's (or a single-part message's) headers unfolded, and its body decoded by its own transfer encoding. */
function splitPart(part: string): { headers: string; body: string } {
  const at = part.search(/\r?\n\r?\n/);
  const headers = (at < 0 ? part : part.slice(0, at)).replace(/\r?\n[ \t]+/g, " ");
  const raw = at < 0 ? "" : part.slice(at).replace(/^\r?\n\r?\n/, "");
  const encoding = /^Content-Transfer-Encoding: *(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  const body = encoding === "quoted-printable" ? decodeQp(raw) : encoding === "base64" ? Buffer.from(raw, "base64").toString("utf8") : raw;
  return { headers, body: body.replace(/\r\n/g, "\n").trimEnd() };
}

/** A received message as its reader sees it: subject, the plain-text part and the HTML part. */
export function parseMail(raw: string, to: string[]): ParsedMail {
  const message = splitPart(raw);
  const subject = /^Subject: (.*)$/im.exec(message.headers)?.[1] ?? "";
  const boundary = /boundary="?([^";\s]+)"?/i.exec(message.headers)?.[1];
  // multipart/alternative (what the portal sends): a text/plain part and a text/html one.
  const parts = boundary ? raw.split(`--${boundary}`).slice(1, -1).map((p) => splitPart(p.replace(/^\r?\n/, ""))) : [message];
  const typed = (type: string) => parts.find((p) => new RegExp(`^Content-Type: *${type}`, "im").test(p.headers) || (!boundary && type === "text/plain"));
  return { to, subject, text: typed("text/plain")?.body ?? "", html: typed("text/html")?.body ?? null, at: new Date().toISOString() };
}
