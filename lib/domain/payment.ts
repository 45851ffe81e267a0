// Getting paid: what an invoice offers its reader. "Pay" only where payment is possible (Stripe's hosted
// page); a local invoice says how to pay instead, with the practice's instructions for its currency.
import type { HowToPay, PaymentInstructions, PaymentOption } from "@/lib/types/payment";

export type { HowToPay, PaymentInstructions, PaymentOption } from "@/lib/types/payment";

/** The instructions for an invoice in `currency`: that currency's own, else the general text, else whom to ask. */
export function howToPay(instructions: PaymentInstructions, currency: string, practice: { name: string; invoiceEmail: string }): HowToPay {
  const text = instructions.byCurrency[currency]?.trim() || instructions.general.trim();
  return text ? { kind: "instructions", text } : { kind: "contact", practiceName: practice.name, email: practice.invoiceEmail };
}

const PAYABLE = new Set(["open", "uncollectible"]);

/**
 * What the invoice offers: Stripe's pay page when it has one; for a local invoice (never pushed to Stripe),
 * how to pay; nothing for an invoice that is paid, void or not issued yet, or a Stripe invoice whose page is
 * still on its way (paying it by bank transfer meanwhile would pay it twice).
 */
export function paymentOption(
  invoice: { status: string; hostedInvoiceUrl: string | null; stripeInvoiceId: string | null },
  howTo: HowToPay,
): PaymentOption {
  if (!PAYABLE.has(invoice.status)) return null;
  if (invoice.hostedInvoiceUrl) return { kind: "pay", url: invoice.hostedInvoiceUrl };
  if (invoice.stripeInvoiceId) return null;
  return { kind: "how-to-pay", howToPay: howTo };
}
