"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formValues, runAction, type ActionState } from "@/lib/actions";
import { actionSession, staffSessionFor } from "@/lib/auth/viewer";
import { closeMonth, pushInvoice } from "@/lib/billing/close";
import { stripeConfigFromEnv } from "@/lib/billing/stripe";
import { asUser } from "@/lib/db";
import { markPaidLocally } from "@/lib/db/invoices";
import { AppError } from "@/lib/errors";
import { formatMonth } from "@/lib/format";
import { kickMailDelivery } from "@/lib/mail/kick";
import { clientIdField } from "@/lib/schemas";
import { dueForStaff } from "./due";
import { clockNow } from "@/lib/clock";

const monthField = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-01$/, "Choose a month.");
const closeSchema = z.object({ clientId: clientIdField, month: monthField });
const invoiceSchema = z.object({ clientId: clientIdField, invoiceId: z.uuid({ error: "That invoice could not be found." }) });

function refresh(clientId?: string) {
  revalidatePath("/billing");
  if (clientId) revalidatePath(`/clients/${clientId}`, "layout");
}

export async function closeMonthAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("billing.close", closeSchema, formValues(form), async ({ clientId, month }) => {
    const { claims } = await staffSessionFor(clientId);
    const r = await closeMonth(clientId, month, { actorId: claims.sub, now: clockNow(), stripe: stripeConfigFromEnv() });
    if (r.outcome === "no_terms") throw new AppError("invalid", "That month has no retainer terms, so there is nothing to bill.");
    refresh(clientId);
    return r;
  }, "Month closed and invoice issued.");
}

export async function closeAllDueAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("billing.closeAll", z.object({}), formValues(form), async () => {
    const { claims, viewer } = await actionSession();
    if (!viewer.staffRole) throw new AppError("not_found", "That page could not be found.");
    const due = await dueForStaff(claims);
    let closed = 0;
    for (const d of due) {
      const r = await closeMonth(d.clientId, d.month, { actorId: claims.sub, now: clockNow(), stripe: stripeConfigFromEnv() });
      if (r.outcome === "closed") closed++;
    }
    refresh();
    return { closed, months: due.map((d) => formatMonth(d.month)) };
  }, "All due months closed.");
}

export async function retryPushAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("billing.retryPush", invoiceSchema, formValues(form), async ({ clientId, invoiceId }) => {
    await staffSessionFor(clientId);
    const stripe = stripeConfigFromEnv();
    if (!stripe) throw new AppError("invalid", "Stripe is not configured.");
    const pushed = await pushInvoice(invoiceId, stripe, clockNow()).catch(() => false);
    refresh(clientId);
    if (!pushed) throw new AppError("unavailable", "Stripe did not accept the invoice yet. It will be retried automatically; try again in a few minutes.");
  }, "Invoice sent to Stripe.");
}

export async function markPaidAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("billing.markPaid", invoiceSchema, formValues(form), async ({ clientId, invoiceId }) => {
    const { claims } = await staffSessionFor(clientId);
    const changed = await asUser(claims, (tx) => markPaidLocally(tx, claims.sub, clientId, invoiceId));
    if (!changed) throw new AppError("conflict", "Only open local invoices can be marked paid; Stripe invoices follow Stripe.");
    refresh(clientId);
    kickMailDelivery();
  }, "Marked paid.");
}
