// How a client pays a local invoice (no Stripe link): the practice's payment instructions, per currency.

/** The practice's payment instructions: a general text, and one per currency (absent: none of its own). */
export interface PaymentInstructions {
  general: string;
  byCurrency: Record<string, string>;
}

/** What "How to pay" says for one invoice: the practice's instructions, or whom to ask when it has none. */
export type HowToPay =
  | { kind: "instructions"; text: string }
  | { kind: "contact"; practiceName: string; email: string };

/** What an invoice offers its reader: Stripe's pay page, the practice's instructions, or nothing (paid, void). */
export type PaymentOption = { kind: "pay"; url: string } | { kind: "how-to-pay"; howToPay: HowToPay } | null;
