// The client as Stripe knows it: the customer's name, email, address and tax id follow the client's billing
// details (synced whenever they change and at every push), and an invoice that charges tax at a rate carries
// a Stripe tax rate of that percentage. Stripe is only called here and in lib/billing/close.ts.
import { createHash } from "node:crypto";
import type Stripe from "stripe";
import { asService } from "@/lib/db";
import { getBillingDetails } from "@/lib/db/billing-details";
import { getBillingClient, setStripeCustomerId } from "@/lib/db/clients";
import { formatRate, jurisdictionOf, type BillingDetails, type TaxTreatment } from "@/lib/domain/tax";
import { env } from "@/lib/platform/env";
import { logger } from "@/lib/platform/log";
import { stripeClient, type StripeConfig } from "@/lib/billing/stripe";

const log = logger("billing.customer");

/** The Stripe type of a buyer's tax number, from their country (null: Stripe has no type we can name). */
export function stripeTaxIdType(country: string, taxId: string): Stripe.CustomerCreateTaxIdParams.Type | null {
  if (!taxId) return null;
  const j = jurisdictionOf(country);
  if (j === "EU") return "eu_vat";
  if (j === "UK") return "gb_vat";
  if (j === "NZ") return "nz_gst";
  if (j === "JP") return /^T\d{13}$/.test(taxId) ? "jp_trn" : "jp_cn";
  if (country === "AU") return "au_abn";
  if (j === "US") return "us_ein";
  return null;
}

/** The customer fields Stripe keeps for a client: name, email and (when set) address. */
export function customerParams(client: { name: string; billingEmail: string }, d: BillingDetails): Stripe.CustomerUpdateParams {
  const [line1, ...rest] = d.address.split("\n").map((l) => l.trim()).filter(Boolean);
  return {
    name: d.legalName || client.name,
    email: client.billingEmail || "",
    ...(line1 || d.country ? { address: { line1: line1 ?? "", line2: rest.join(", "), country: d.country || undefined } } : {}),
  };
}

/**
 * Brings the Stripe customer in step with the client: name, email, address, and the tax id added when Stripe
 * does not have it yet. Returns the customer id (created once, idempotently, when the client has none).
 */
export async function syncCustomer(stripe: Stripe, clientId: string, opts: { create: boolean }): Promise<string | null> {
  const { client, details } = await asService(async (tx) => ({
    client: await getBillingClient(tx, { clientId }),
    details: await getBillingDetails(tx, { clientId }),
  }));
  if (!client) return null;
  const params = customerParams(client, details);
  let customerId = client.stripeCustomerId;
  if (!customerId) {
    if (!opts.create) return null;
    const customer = await stripe.customers.create(
      { ...(params as Stripe.CustomerCreateParams), email: client.billingEmail || undefined, metadata: { client_id: client.id } },
      { idempotencyKey: `rp:customer:${client.id}` },
    );
    customerId = customer.id;
    await asService((tx) => setStripeCustomerId(tx, { clientId: client.id, stripeCustomerId: customer.id }));
  } else {
    await stripe.customers.update(customerId, params);
  }
  const type = stripeTaxIdType(details.country, details.taxId);
  if (type) {
    const existing = await stripe.customers.listTaxIds(customerId, { limit: 100 });
    // A tax number Stripe refuses (a typo, a format it does not know) must not hold the invoice back: the
    // invoice itself prints the number as the client gave it; the log says Stripe's customer lacks it.
    if (!existing.data.some((t) => t.value === details.taxId)) {
      await stripe.customers.createTaxId(customerId, { type, value: details.taxId })
        .catch((e) => log.warn({ err: e, clientId, type }, "stripe refused the client's tax number; the customer goes without it"));
    }
  }
  return customerId;
}

/** After the client's billing details changed: the Stripe customer follows, when there is one (best effort). */
export async function syncCustomerIfAny(cfg: StripeConfig | null, clientId: string): Promise<void> {
  if (!cfg) return;
  await syncCustomer(stripeClient(cfg), clientId, { create: false }).catch((e) => log.error({ err: e, clientId }, "stripe customer sync failed; the next push syncs it"));
}

/** The Stripe tax rate for a treatment that charges tax at a rate: an active, exclusive one of that name and percentage, or a new one. */
export async function stripeTaxRate(stripe: Stripe, t: TaxTreatment, country: string): Promise<string | null> {
  if (t.kind !== "standard") return null;
  const name = t.label || "Tax";
  const percentage = t.rateBp / 100;
  const rates = await stripe.taxRates.list({ active: true, limit: 100 });
  const found = rates.data.find((r) => !r.inclusive && r.percentage === percentage && r.display_name === name);
  if (found) return found.id;
  const created = await stripe.taxRates.create(
    { display_name: name, percentage, inclusive: false, ...(country ? { country } : {}), description: `${name} ${formatRate(t.rateBp)}` },
    // A header carries ASCII only: the name (消費税) goes in as its digest.
    { idempotencyKey: `rp:tax_rate:${t.rateBp}:${createHash("sha256").update(name).digest("hex").slice(0, 32)}` },
  );
  return created.id;
}

/**
 * A Stripe Customer Portal session for the client (its customer created and synced first, so an owner can save
 * a card before the first invoice), returning to the portal's invoices page. The session URL, to redirect to.
 */
export async function openCustomerPortal(cfg: StripeConfig, clientId: string): Promise<string> {
  const stripe = stripeClient(cfg);
  const customer = await syncCustomer(stripe, clientId, { create: true });
  if (!customer) throw new Error(`client ${clientId} is gone`);
  const session = await stripe.billingPortal.sessions.create({ customer, return_url: `${env().APP_URL.replace(/\/$/, "")}/clients/${clientId}/invoices` });
  return session.url;
}
