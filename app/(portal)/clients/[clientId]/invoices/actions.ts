"use server";
// The invoices page's form: "Manage billing" opens Stripe's Customer Portal (lib/billing/commands.ts).
import { openBillingPortal } from "@/lib/billing/commands";
import { serveAction } from "@/lib/commands/action";

export const openBillingPortalAction = serveAction(openBillingPortal);
