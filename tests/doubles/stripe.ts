// An in-repo double of the Stripe API endpoints the month close uses (customers, invoices, invoiceitems,
// finalize, send). It answers like Stripe: form-encoded requests, JSON objects with Stripe-shaped ids,
// idempotency keys replayed with the original response. Every call is recorded with its key, and
// failures can be scripted. The real `stripe` SDK talks to it through host/port/protocol.
import { startDouble, type RecordedRequest } from "./http";

export interface StripeCall {
  method: string;
  path: string;
  idempotencyKey: string | null;
  params: Record<string, string>;
  replayed: boolean;
}

type Obj = Record<string, unknown>;

/** Where the double's Stripe Tax "is registered", and the rate it charges there (percent). */
export const AUTOMATIC_TAX_RATES: Record<string, number> = { NZ: 15, GB: 20, JP: 10, DE: 19, AU: 10 };

/**
 * `now` is Stripe's clock (ms): the real one by default; the e2e server passes the e2e clock, so a due date
 * Stripe sets falls where the app's fixed clock expects it (a 2028 run must not get a 2026 due date).
 */
export function createStripeDouble(baseUrl: () => string, now: () => number = Date.now) {
  const calls: StripeCall[] = [];
  const byKey = new Map<string, { status: number; body: unknown }>();
  const customers = new Map<string, Obj>();
  const invoices = new Map<string, Obj & { id: string; status: string; total: number; subtotal: number; tax: number; lines: Obj[] }>();
  const taxRates = new Map<string, Obj & { id: string; percentage: number }>();
  const taxIds = new Map<string, Obj[]>();
  const portalSessions: Obj[] = [];
  const failures: { match: RegExp; status: number; times: number }[] = [];
  let seq = 0;
  let numberSeq = 0;
  // Stripe numbers invoices <account prefix>-<sequence>; a prefix per double keeps numbers unique across doubles.
  const numberPrefix = `DBL${String(1000 + Math.floor(Math.random() * 9000))}`;
  // Stripe-shaped ids, unique per double: two doubles in one test run never hand out the same id.
  const tag = Math.random().toString(36).slice(2, 8);
  const nextId = (prefix: string) => `${prefix}_dbl${tag}${String(++seq).padStart(6, "0")}`;

  function handle(method: string, path: string, p: Record<string, string>): { status: number; body: unknown } {
    const metadata = Object.fromEntries(Object.entries(p).filter(([k]) => k.startsWith("metadata[")).map(([k, v]) => [k.slice(9, -1), v]));
    let m: RegExpExecArray | null;
    const address = p["address[country]"] !== undefined || p["address[line1]"] !== undefined
      ? { line1: p["address[line1]"] ?? null, line2: p["address[line2]"] ?? null, country: p["address[country]"] ?? null } : undefined;
    if (method === "POST" && path === "/v1/customers") {
      const c = { id: nextId("cus"), object: "customer", name: p.name ?? null, email: p.email ?? null, address: address ?? null, metadata };
      customers.set(c.id, c);
      return { status: 200, body: c };
    }
    if (method === "POST" && (m = /^\/v1\/customers\/(cus_\w+)$/.exec(path))) {
      const c = customers.get(m[1]);
      if (!c) return { status: 404, body: { error: { type: "invalid_request_error", message: `No such customer: '${m[1]}'` } } };
      if (p.name !== undefined) c.name = p.name;
      if (p.email !== undefined) c.email = p.email || null;
      if (address) c.address = address;
      return { status: 200, body: c };
    }
    if ((m = /^\/v1\/customers\/(cus_\w+)\/tax_ids$/.exec(path))) {
      if (!customers.has(m[1])) return { status: 404, body: { error: { type: "invalid_request_error", message: `No such customer: '${m[1]}'` } } };
      const list = taxIds.get(m[1]) ?? [];
      if (method === "GET") return { status: 200, body: { object: "list", data: list, has_more: false, url: path } };
      if (method === "POST") {
        // Stripe checks the value's format per type (a few of its rules, as the double knows them).
        const formats: Record<string, RegExp> = { jp_trn: /^T\d{13}$/, jp_cn: /^\d{13}$/, eu_vat: /^[A-Z]{2}[0-9A-Z+*]{2,12}$/, gb_vat: /^GB\d{9}(\d{3})?$/, nz_gst: /^\d{8,9}$/ };
        if (formats[p.type] && !formats[p.type].test(p.value ?? "")) {
          return { status: 400, body: { error: { type: "invalid_request_error", code: "tax_id_invalid", message: `Invalid value for ${p.type}.` } } };
        }
        const t = { id: nextId("txi"), object: "tax_id", customer: m[1], type: p.type, value: p.value };
        taxIds.set(m[1], [...list, t]);
        return { status: 200, body: t };
      }
    }
    if (path === "/v1/tax_rates") {
      if (method === "GET") {
        const data = [...taxRates.values()].filter((r) => p.active === undefined || String(r.active) === p.active);
        return { status: 200, body: { object: "list", data, has_more: false, url: path } };
      }
      if (method === "POST") {
        const r = { id: nextId("txr"), object: "tax_rate", active: true, display_name: p.display_name, percentage: Number(p.percentage), inclusive: p.inclusive === "true", country: p.country ?? null, metadata };
        taxRates.set(r.id, r);
        return { status: 200, body: r };
      }
    }
    if (method === "POST" && path === "/v1/billing_portal/sessions") {
      if (!customers.has(p.customer)) return { status: 400, body: { error: { type: "invalid_request_error", message: `No such customer: '${p.customer}'` } } };
      const session = { id: nextId("bps"), object: "billing_portal.session", customer: p.customer, return_url: p.return_url ?? null, url: `${baseUrl()}/p/session/${nextId("ps")}` };
      portalSessions.push(session);
      return { status: 200, body: session };
    }
    if (method === "POST" && path === "/v1/invoices") {
      if (!customers.has(p.customer)) return { status: 400, body: { error: { type: "invalid_request_error", message: `No such customer: '${p.customer}'` } } };
      const inv = {
        id: nextId("in"), object: "invoice", status: "draft", customer: p.customer, currency: p.currency, collection_method: p.collection_method,
        days_until_due: Number(p.days_until_due), metadata, total: 0, subtotal: 0, tax: 0, amount_due: 0, number: null as string | null,
        automatic_tax: { enabled: p["automatic_tax[enabled]"] === "true", status: p["automatic_tax[enabled]"] === "true" ? "complete" : null },
        hosted_invoice_url: null as string | null, due_date: null as number | null, lines: [] as Obj[], description: p.description ?? null,
      };
      invoices.set(inv.id, inv);
      return { status: 200, body: inv };
    }
    if (method === "POST" && path === "/v1/invoiceitems") {
      const inv = invoices.get(p.invoice);
      if (!inv) return { status: 400, body: { error: { type: "invalid_request_error", message: `No such invoice: '${p.invoice}'` } } };
      if (inv.status !== "draft") return { status: 400, body: { error: { type: "invalid_request_error", message: "Invoice is not a draft" } } };
      const rateIds = Object.entries(p).filter(([k]) => k.startsWith("tax_rates[")).map(([, v]) => v);
      const rates = rateIds.map((id) => taxRates.get(id));
      if (rates.some((r) => !r)) return { status: 400, body: { error: { type: "invalid_request_error", message: "No such tax rate" } } };
      // Like Stripe with tax rates: tax is computed on each line and rounded there (half away from zero).
      const amount = Number(p.amount);
      const lineTax = rates.reduce((sum, r) => sum + Math.sign(amount) * Math.round(Math.abs(amount) * r!.percentage / 100), 0);
      const item = { id: nextId("ii"), object: "invoiceitem", invoice: inv.id, amount, currency: p.currency, description: p.description, metadata, tax_rates: rates, tax: lineTax };
      inv.lines.push(item);
      inv.subtotal += amount;
      inv.tax += lineTax;
      inv.total = inv.subtotal + inv.tax;
      inv.amount_due = inv.total;
      return { status: 200, body: item };
    }
    if (method === "POST" && (m = /^\/v1\/invoices\/(in_\w+)\/finalize$/.exec(path))) {
      const inv = invoices.get(m[1]);
      if (!inv) return { status: 404, body: { error: { type: "invalid_request_error", message: "No such invoice" } } };
      if (inv.status === "draft") {
        // Stripe Tax, as the double plays it: the customer's country's standard rate on the subtotal, when registered there.
        if ((inv.automatic_tax as { enabled: boolean }).enabled) {
          const country = ((customers.get(String(inv.customer))?.address ?? {}) as { country?: string }).country ?? "";
          const percent = AUTOMATIC_TAX_RATES[country] ?? 0;
          inv.tax = Math.round(inv.subtotal * percent / 100);
          inv.total = inv.subtotal + inv.tax;
          inv.amount_due = inv.total;
        }
        inv.status = inv.total === 0 ? "paid" : "open";
        inv.number = `${numberPrefix}-${String(++numberSeq).padStart(4, "0")}`;
        inv.hosted_invoice_url = `${baseUrl()}/i/${inv.id}`;
        inv.due_date = Math.floor(now() / 1000) + Number(inv.days_until_due) * 86400;
      }
      return { status: 200, body: inv };
    }
    if (method === "POST" && (m = /^\/v1\/invoices\/(in_\w+)\/send$/.exec(path))) {
      const inv = invoices.get(m[1]);
      if (!inv) return { status: 404, body: { error: { type: "invalid_request_error", message: "No such invoice" } } };
      return { status: 200, body: inv };
    }
    if (method === "GET" && path === "/v1/invoices") {
      // Stripe's list shape, lines included, so a test reads the double through the real SDK.
      const data = [...invoices.values()].map((inv) => ({ ...inv, lines: { object: "list", data: inv.lines, has_more: false } }));
      return { status: 200, body: { object: "list", data, has_more: false, url: "/v1/invoices" } };
    }
    if (method === "GET" && (m = /^\/v1\/invoices\/(in_\w+)$/.exec(path))) {
      const inv = invoices.get(m[1]);
      return inv ? { status: 200, body: inv } : { status: 404, body: { error: { type: "invalid_request_error", message: "No such invoice" } } };
    }
    return { status: 404, body: { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path})` } } };
  }

  function respond(req: RecordedRequest): { status: number; body: unknown; headers?: Record<string, string> } {
    const [path] = req.path.split("?");
    if (req.method === "GET" && path.startsWith("/i/")) {
      const inv = invoices.get(path.slice(3));
      return { status: inv ? 200 : 404, body: inv ? `<!doctype html><title>Pay invoice ${inv.number}</title><h1>Invoice ${inv.number}</h1><p>Amount due: ${inv.total} ${inv.currency}</p><button>Pay</button>` : "Not found", headers: { "content-type": "text/html" } };
    }
    if (req.method === "GET" && path.startsWith("/p/session/")) {
      const session = portalSessions.find((x) => String(x.url).endsWith(path));
      return {
        status: session ? 200 : 404,
        body: session ? `<!doctype html><title>Billing portal</title><h1>Manage your billing</h1><p>Customer ${session.customer}</p><a href="${session.return_url}">Return</a>` : "Not found",
        headers: { "content-type": "text/html" },
      };
    }
    if (path === "/health") return { status: 200, body: "ok", headers: { "content-type": "text/plain" } };
    // Not Stripe: what the double was asked, for tests that run it as a separate process.
    if (req.method === "GET" && path === "/__double/calls") return { status: 200, body: calls };
    const params = Object.fromEntries(new URLSearchParams(req.body));
    const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
    const failure = failures.find((f) => f.times > 0 && f.match.test(`${req.method} ${path}`));
    if (failure) {
      failure.times--;
      calls.push({ method: req.method, path, idempotencyKey: key, params, replayed: false });
      return { status: failure.status, body: { error: { type: "api_error", message: "The double was told to fail" } } };
    }
    if (key && byKey.has(key)) {
      calls.push({ method: req.method, path, idempotencyKey: key, params, replayed: true });
      const prior = byKey.get(key)!;
      return { ...prior, headers: { "idempotent-replayed": "true" } };
    }
    const out = handle(req.method, path, params);
    calls.push({ method: req.method, path, idempotencyKey: key, params, replayed: false });
    if (key && out.status < 500) byKey.set(key, out);
    return out;
  }

  return {
    respond,
    calls,
    invoices,
    customers,
    taxRates,
    taxIds,
    portalSessions,
    /** Fail the next `times` requests matching "METHOD /path" with `status`. */
    failNext: (match: RegExp, status = 500, times = 1) => failures.push({ match, status, times }),
    reset: () => {
      calls.length = 0;
      failures.length = 0;
    },
  };
}

export async function startStripeDouble() {
  let url = "";
  const stripe = createStripeDouble(() => url);
  const server = await startDouble((req) => stripe.respond(req));
  url = server.url;
  return { ...stripe, url: server.url, port: server.port, close: server.close };
}
