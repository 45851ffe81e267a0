import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import type { TaxRegistration } from "@/lib/domain/tax";
import type { PaymentInstructions } from "@/lib/types/payment";
import type { FirstMonth } from "@/lib/types/retainer";

export type { PaymentInstructions } from "@/lib/types/payment";

export interface PracticeSettings {
  name: string;
  address: string;
  invoiceEmail: string;
  daysUntilDue: number;
  invoiceFooter: string;
  /** The registered name printed as the seller; blank: `name`. */
  legalName: string;
  /** ISO 3166-1 alpha-2, or blank: decides which invoice rules apply (lib/domain/tax). */
  country: string;
  taxRegistrations: TaxRegistration[];
  /** Stripe Tax computes the tax of Stripe invoices instead of the clients' explicit rates. */
  stripeAutomaticTax: boolean;
  /** The reminder ladder: days after the due date, ascending (lib/domain/reminders). */
  reminderDays: number[];
  stripeSendsReminders: boolean;
  /** A retainer that starts after the 1st: its first month prorated by days, or billing from the next month whole. */
  firstMonth: FirstMonth;
  /** Days after a month ends that owners review it before it closes (0: it closes at once). */
  reviewDays: number;
  /** Clients' owners must sign in with two steps, as staff must (lib/domain/two-step). */
  ownersTwoStep: boolean;
  /** Every person of every client must, members too. */
  membersTwoStep: boolean;
}

/** The practice's details; null when the row is missing (or hidden from the caller). */
export async function getPracticeSettings(tx: Tx): Promise<PracticeSettings | null> {
  const [row] = await tx<PracticeSettings[]>`
    select name, address, invoice_email as "invoiceEmail", days_until_due as "daysUntilDue",
           invoice_footer as "invoiceFooter", legal_name as "legalName", country, tax_registrations as "taxRegistrations",
           stripe_automatic_tax as "stripeAutomaticTax", reminder_days as "reminderDays", stripe_sends_reminders as "stripeSendsReminders",
           first_month as "firstMonth", review_days as "reviewDays", client_two_step as "ownersTwoStep",
           client_members_two_step as "membersTwoStep"
    from public.practice_settings`;
  return row ?? null;
}

/** The practice's details with its payment instructions, as the settings form sends them. */
export interface PracticeSettingsInput extends Omit<PracticeSettings, "reminderDays" | "firstMonth" | "reviewDays"> {
  paymentInstructions: PaymentInstructions;
  /** Absent: the ladder stays as it is. */
  reminderDays?: number[];
  /** Absent: the choice stays as it is. */
  firstMonth?: FirstMonth;
  /** Absent: the window stays as it is. */
  reviewDays?: number;
}

/**
 * The payment instructions the caller may read: every row for staff; for an owner the general text and those
 * of the currencies their invoices are in (RLS); nothing for anyone else.
 */
export async function getPaymentInstructions(tx: Tx): Promise<PaymentInstructions> {
  const rows = await tx<{ currency: string | null; body: string }[]>`
    select currency, body from public.payment_instructions order by currency nulls first`;
  return {
    general: rows.find((r) => r.currency === null)?.body ?? "",
    byCurrency: Object.fromEntries(rows.filter((r) => r.currency !== null).map((r) => [r.currency, r.body])),
  };
}

/** Every currency the practice bills in or has instructions for: its clients', its invoices' and its rows'. */
export async function billedCurrencies(tx: Tx): Promise<string[]> {
  const rows = await tx<{ currency: string }[]>`
    select currency from public.clients
    union select currency from public.invoices
    union select currency from public.payment_instructions where currency is not null
    order by 1`;
  return rows.map((r) => r.currency);
}

/**
 * Changes the practice's details and replaces its payment instructions (an empty text removes that one),
 * auditing before and after; false when there was no row to change.
 */
export async function updatePracticeSettings(tx: Tx, { actorId, input }: { actorId: string; input: PracticeSettingsInput }): Promise<boolean> {
  const settings = await getPracticeSettings(tx);
  if (!settings) return false;
  const before = { ...settings, paymentInstructions: await getPaymentInstructions(tx) };
  const rows = await tx`
    update public.practice_settings set name = ${input.name}, address = ${input.address},
      invoice_email = ${input.invoiceEmail}, days_until_due = ${input.daysUntilDue},
      invoice_footer = ${input.invoiceFooter}, legal_name = ${input.legalName}, country = ${input.country},
      tax_registrations = ${tx.json(input.taxRegistrations as never)}, stripe_automatic_tax = ${input.stripeAutomaticTax}, updated_at = now(),
      reminder_days = coalesce(${input.reminderDays ?? null}::int[], reminder_days), stripe_sends_reminders = ${input.stripeSendsReminders},
      first_month = coalesce(${input.firstMonth ?? null}, first_month), review_days = coalesce(${input.reviewDays ?? null}::int, review_days),
      client_two_step = ${input.ownersTwoStep}, client_members_two_step = ${input.membersTwoStep}
    returning id`;
  if (!rows.length) return false;
  const { general, byCurrency } = input.paymentInstructions;
  const instructions = [
    ...(general ? [{ currency: null, body: general }] : []),
    ...Object.entries(byCurrency).filter(([, body]) => body).map(([currency, body]) => ({ currency, body })),
  ];
  await tx`delete from public.payment_instructions where true`;
  if (instructions.length) await tx`insert into public.payment_instructions ${tx(instructions, "currency", "body")}`;
  await recordAudit(tx, { clientId: null, actorId, action: "practice.updated", entity: "practice_settings", data: { before, after: input } });
  return true;
}

/** Days an issued invoice gives the client to pay, from the practice settings. */
export async function getDaysUntilDue(tx: Tx): Promise<number> {
  const [{ days }] = await tx<{ days: number }[]>`select days_until_due as days from public.practice_settings`;
  return days;
}
