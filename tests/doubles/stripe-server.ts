// The Stripe double as a standalone server for end-to-end runs: node --import tsx tests/doubles/stripe-server.ts [port]
import http from "node:http";
import { createStripeDouble } from "./stripe";

const port = Number(process.argv[2] ?? 4020);
// STRIPE_DOUBLE_CLOCK (an instant) starts Stripe's clock where the app's fixed clock starts (the e2e runs), so
// the due dates it sets agree with the app's today; without it (the rehearsal), the real clock.
const startedAt = Date.now();
const from = process.env.STRIPE_DOUBLE_CLOCK ? Date.parse(process.env.STRIPE_DOUBLE_CLOCK) : startedAt;
const stripe = createStripeDouble(() => `http://127.0.0.1:${port}`, () => from + (Date.now() - startedAt));

http
  .createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const out = stripe.respond({ method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, body });
      res.writeHead(out.status, { "content-type": "application/json", ...out.headers });
      res.end(typeof out.body === "string" ? out.body : JSON.stringify(out.body));
    });
  })
  .listen(port, "127.0.0.1", () => process.stdout.write(`stripe double on http://127.0.0.1:${port}\n`));
