// A mail server for the production rehearsal: real SMTP (with a login, as a provider asks for) on one port,
// and the received mail as JSON on another, which the rehearsal reads the way a person reads their inbox.
// Run: node --import tsx tests/doubles/smtp-server.ts <smtp port> <inbox http port> <user> <password>
import http from "node:http";
import { SMTPServer } from "smtp-server";
import { parseMail, type ParsedMail } from "./smtp";

const [smtpPort, httpPort, user, password] = process.argv.slice(2);

const inbox: ParsedMail[] = [];

new SMTPServer({
  disabledCommands: ["STARTTLS"],
  allowInsecureAuth: true,
  authOptional: false,
  onAuth(auth, _session, callback) {
    if (auth.username === user && auth.password === password) return callback(null, { user: auth.username });
    callback(new Error("535 Authentication failed"));
  },
  onData(stream, session, callback) {
    let raw = "";
    stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
    stream.on("end", () => {
      inbox.push(parseMail(raw, session.envelope.rcptTo.map((r) => r.address.toLowerCase())));
      callback();
    });
  },
}).listen(Number(smtpPort), "127.0.0.1");

http
  .createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/health") return void res.end("ok");
    const to = url.searchParams.get("to")?.toLowerCase();
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(to ? inbox.filter((m) => m.to.includes(to)) : inbox));
  })
  .listen(Number(httpPort), "127.0.0.1", () => process.stdout.write(`smtp double on ${smtpPort}, inbox on http://127.0.0.1:${httpPort}\n`));
