// The Stripe double as a standalone server for end-to-end runs: node --import tsx tests/doubles/stripe-server.ts [port]
import http from "node:http";
import { createStripeDouble } from "./stripe";

const port = Number(process.argv[2] ?? 4020);
const stripe = createStripeDouble(() => `http://127.0.0.1:${port}`);

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
