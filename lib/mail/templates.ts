import { formatMoney } from "@/lib/format";
import type { Mail } from "@/lib/mail/outbox";

export function invitationMail(opts: { to: string; clientName: string; role: string; link: string; inviter: string; clientId: string }): Mail {
  return {
    kind: "invitation",
    clientId: opts.clientId,
    to: opts.to,
    subject: `${opts.inviter} invited you to ${opts.clientName} on Retainer Portal`,
    text:
      `${opts.inviter} invited you to join ${opts.clientName} as ${opts.role === "owner" ? "an owner" : "a member"}.\n\n` +
      `Open this link to accept and sign in (it works once, for 7 days):\n${opts.link}\n\n` +
      `You'll see hours used, the roadmap and weekly updates${opts.role === "owner" ? ", plus invoices" : ""}.`,
  };
}

export function staffInvitationMail(opts: { to: string; practiceName: string; role: "admin" | "engineer"; link: string; inviter: string }): Mail {
  const as = opts.role === "admin" ? "an admin" : "an engineer";
  return {
    kind: "staff_invitation",
    clientId: null,
    to: opts.to,
    subject: `${opts.inviter} invited you to join ${opts.practiceName} on Retainer Portal`,
    text:
      `${opts.inviter} invited you to join ${opts.practiceName} as ${as}.\n\n` +
      `Open this link to accept and sign in (it works once, for 7 days):\n${opts.link}\n\n` +
      (opts.role === "admin"
        ? "As an admin you'll see every client, billing, the practice settings and the staff list."
        : "As an engineer you'll log time and keep the roadmap and weekly updates of the clients you're assigned."),
  };
}

/**
 * To an owner when a payment attempt failed (Stripe's invoice.payment_failed). Its key starts with
 * `paymentFailedKeyPrefix(invoiceId)`, so a payment or a void that arrives before it is sent withdraws it.
 */
export function paymentFailedMail(opts: {
  to: string; clientId: string; clientName: string; invoiceId: string; eventId: string;
  number: string | null; totalCents: number; currency: string; payUrl: string | null;
}): Mail {
  const invoice = opts.number ? `invoice ${opts.number}` : "your invoice";
  return {
    kind: "invoice.payment_failed",
    clientId: opts.clientId,
    to: opts.to,
    subject: `${opts.clientName}: payment of ${invoice} failed`,
    text:
      `The payment of ${formatMoney(opts.totalCents, opts.currency)} for ${invoice} did not go through.` +
      (opts.payUrl ? `\n\nYou can pay it here: ${opts.payUrl}` : "\n\nYou can pay it from the Invoices page of the portal."),
    dedupeKey: `${paymentFailedKeyPrefix(opts.invoiceId)}${opts.eventId}:${opts.to}`,
  };
}

export const paymentFailedKeyPrefix = (invoiceId: string) => `payment_failed:${invoiceId}:`;
