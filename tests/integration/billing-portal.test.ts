// "Manage billing" (issue 27): an owner opens Stripe's Customer Portal for their client through the real command
// and the real SDK against the Stripe double: the customer is created (or synced) first, the session returns to
// the invoices page. Members, staff and other clients' owners are refused and nothing reaches Stripe; without
// Stripe there is no portal and the refusal says how invoices are paid instead.
const ENV = { STRIPE_SECRET_KEY: "sk_test_portal", STRIPE_API_HOST: "127.0.0.1", STRIPE_API_PROTOCOL: "http", APP_URL: "https://portal.example.com" };
const saved = Object.fromEntries(["STRIPE_API_PORT", ...Object.keys(ENV)].map((k) => [k, process.env[k]]));
Object.assign(process.env, ENV);

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBillingPortal } from "@/lib/billing/commands";
import { execute } from "@/lib/commands/execute";
import { admin, createCast } from "../support/fixtures";
import { startStripeDouble } from "../doubles/stripe";

let stripe: Awaited<ReturnType<typeof startStripeDouble>>;
let cast: Awaited<ReturnType<typeof createCast>>;

beforeAll(async () => {
  stripe = await startStripeDouble();
  process.env.STRIPE_API_PORT = String(stripe.port);
  cast = await createCast();
});
afterAll(async () => {
  await stripe.close();
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
});

describe("Manage billing", () => {
  it("opens the portal for an owner, creating the Stripe customer first, and returns to the invoices page", async () => {
    await admin`insert into public.client_billing_details (client_id, legal_name, address, country) values (${cast.clientA}, 'Client A LLC', '1 Main St', 'US')`;
    const outcome = await execute(openBillingPortal, cast.ownerA.claims, { clientId: cast.clientA });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.data).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/p\/session\//);
    const [{ stripe_customer_id: customer }] = await admin`select stripe_customer_id from public.clients where id = ${cast.clientA}`;
    expect(stripe.customers.get(customer)).toMatchObject({ name: "Client A LLC", address: { line1: "1 Main St", country: "US" } });
    expect(stripe.portalSessions).toEqual([expect.objectContaining({ customer, return_url: `https://portal.example.com/clients/${cast.clientA}/invoices` })]);
    // Again: the same customer, a new session.
    const again = await execute(openBillingPortal, cast.ownerA.claims, { clientId: cast.clientA });
    expect(again.ok).toBe(true);
    expect(stripe.customers.size).toBe(1);
    expect(stripe.portalSessions).toHaveLength(2);
  });

  it("refuses members, staff and other clients' owners, and nothing reaches Stripe", async () => {
    const before = stripe.calls.length;
    const refusals = [];
    for (const who of [cast.memberA, cast.assigned, cast.admin, cast.ownerB, cast.unassigned]) {
      const outcome = await execute(openBillingPortal, who.claims, { clientId: cast.clientA });
      refusals.push(outcome.ok ? "opened" : outcome.error.code);
    }
    expect(refusals).toEqual(["forbidden", "not_found", "not_found", "not_found", "not_found"]);
    expect(stripe.calls.length).toBe(before);
  });

  it("without Stripe, says there is no portal", async () => {
    delete process.env.STRIPE_SECRET_KEY;
    try {
      const outcome = await execute(openBillingPortal, cast.ownerB.claims, { clientId: cast.clientB });
      expect(outcome.ok ? null : outcome.error.userMessage).toBe("Payments are not set up with Stripe, so there is no billing portal. Each invoice says how to pay it.");
    } finally {
      process.env.STRIPE_SECRET_KEY = ENV.STRIPE_SECRET_KEY;
    }
  });
});
