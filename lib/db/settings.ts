import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";

export interface PracticeSettings {
  name: string;
  address: string;
  invoiceEmail: string;
  daysUntilDue: number;
  invoiceFooter: string;
}

/** The practice's details; null when the row is missing (or hidden from the caller). */
export async function getPracticeSettings(tx: Tx): Promise<PracticeSettings | null> {
  const [row] = await tx<PracticeSettings[]>`
    select name, address, invoice_email as "invoiceEmail", days_until_due as "daysUntilDue",
           invoice_footer as "invoiceFooter"
    from public.practice_settings`;
  return row ?? null;
}

/** Changes the practice's details and audits before and after; false when there was no row to change. */
export async function updatePracticeSettings(tx: Tx, { actorId, input }: { actorId: string; input: PracticeSettings }): Promise<boolean> {
  const before = await getPracticeSettings(tx);
  if (!before) return false;
  const rows = await tx`
    update public.practice_settings set name = ${input.name}, address = ${input.address},
      invoice_email = ${input.invoiceEmail}, days_until_due = ${input.daysUntilDue},
      invoice_footer = ${input.invoiceFooter}, updated_at = now()
    returning id`;
  if (!rows.length) return false;
  await recordAudit(tx, { clientId: null, actorId, action: "practice.updated", entity: "practice_settings", data: { before, after: input } });
  return true;
}

/** Days an issued invoice gives the client to pay, from the practice settings. */
export async function getDaysUntilDue(tx: Tx): Promise<number> {
  const [{ days }] = await tx<{ days: number }[]>`select days_until_due as days from public.practice_settings`;
  return days;
}
