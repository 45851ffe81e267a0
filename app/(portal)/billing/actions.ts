"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { runAction, type ActionState } from "@/lib/actions/run";
import { closeMonth, pushInvoice } from "@/lib/billing/close";
import { dueForStaff } from "@/lib/billing/due";
import { closeSchema, invoiceSchema } from "@/lib/billing/schemas";
import { stripeConfigFromEnv } from "@/lib/billing/stripe";
import { clockNow } from "@/lib/platform/clock";
import { markPaidLocally } from "@/lib/db/invoices";
import { AppError } from "@/lib/platform/errors";
import { formatMonth } from "@/lib/format";
import { kickMailDelivery } from "@/lib/mail/kick";

function refresh(clientId?: string) {
  revalidatePath("/billing");
  if (clientId) revalidatePath(`/clients/${clientId}`, "layout");
}

// Closing and pushing run as the service role after the caller's access was checked in the action's own
// transaction: the close takes its own lock and transaction, and Stripe is never called inside one.

/** After a close the month leaves the list, so the page says what was issued (?issued=<invoice ids>). */
const issuedNotice = (invoiceIds: (string | null)[]) => {
  const ids = invoiceIds.filter((id): id is string => Boolean(id));
  redirect(ids.length ? `/billing?issued=${ids.join(",")}` : "/billing");
};

export async function closeMonthAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction({ name: "billing.close", schema: closeSchema, scope: "engineer", message: "Month closed and invoice issued." }, form,
    async () => undefined,
    async ({ viewer, client, input }) => {
      const r = await closeMonth(client.id, input.month, { actorId: viewer.userId, now: clockNow(), stripe: stripeConfigFromEnv() });
      if (r.outcome === "no_terms") throw new AppError("invalid", "That month has no retainer terms, so there is nothing to bill.");
      refresh(client.id);
      return r;
    });
  if (result?.ok) issuedNotice([(result.data as { invoiceId: string | null }).invoiceId]);
  return result;
}

export async function closeAllDueAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction({ name: "billing.closeAll", schema: z.object({}), scope: "staff", message: "All due months closed." }, form,
    ({ tx }) => dueForStaff(tx, clockNow()),
    async ({ viewer }, due) => {
      const issued: (string | null)[] = [];
      for (const d of due) {
        const r = await closeMonth(d.clientId, d.month, { actorId: viewer.userId, now: clockNow(), stripe: stripeConfigFromEnv() });
        if (r.outcome === "closed") issued.push(r.invoiceId);
      }
      refresh();
      return { closed: issued.length, issued, months: due.map((d) => formatMonth(d.month)) };
    });
  if (result?.ok) issuedNotice((result.data as { issued: (string | null)[] }).issued);
  return result;
}

export async function retryPushAction(_: ActionState, form: FormData): Promise<ActionState> {
  // The invoice id is checked against the client in the action's transaction (runAction), like every id.
  return runAction({ name: "billing.retryPush", schema: invoiceSchema, scope: "engineer", message: "Invoice sent to Stripe." }, form,
    async () => undefined,
    async ({ client, input }) => {
      const stripe = stripeConfigFromEnv();
      if (!stripe) throw new AppError("invalid", "Stripe is not configured.");
      const pushed = await pushInvoice(input.invoiceId, stripe, clockNow()).catch(() => false);
      refresh(client.id);
      if (!pushed) throw new AppError("unavailable", "Stripe did not accept the invoice yet. It will be retried automatically; try again in a few minutes.");
    });
}

export async function markPaidAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "billing.markPaid", schema: invoiceSchema, scope: "engineer", message: "Marked paid." }, form,
    async ({ tx, client, input }) => {
      const changed = await markPaidLocally(tx, client.id, input.invoiceId);
      if (!changed) throw new AppError("conflict", "Only open local invoices can be marked paid; Stripe invoices follow Stripe.");
    },
    ({ client }) => {
      refresh(client.id);
      kickMailDelivery();
    });
}
