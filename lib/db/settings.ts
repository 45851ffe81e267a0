import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { notFound } from "@/lib/platform/errors";

export interface PracticeSettings {
  name: string;
  address: string;
  invoiceEmail: string;
  daysUntilDue: number;
  invoiceFooter: string;
}

export async function getPracticeSettings(tx: Tx): Promise<PracticeSettings> {
  const [row] = await tx<PracticeSettings[]>`
    select name, address, invoice_email as "invoiceEmail", days_until_due as "daysUntilDue",
           invoice_footer as "invoiceFooter"
    from public.practice_settings`;
  if (!row) throw notFound("The practice settings");
  return row;
}

export async function updatePracticeSettings(tx: Tx, actorId: string, input: PracticeSettings) {
  const before = await getPracticeSettings(tx);
  const rows = await tx`
    update public.practice_settings set name = ${input.name}, address = ${input.address},
      invoice_email = ${input.invoiceEmail}, days_until_due = ${input.daysUntilDue},
      invoice_footer = ${input.invoiceFooter}, updated_at = now()
    returning id`;
  if (!rows.length) throw notFound("The practice settings");
  await recordAudit(tx, { clientId: null, actorId, action: "practice.updated", entity: "practice_settings", data: { before, after: input } });
}

/** Days an issued invoice gives the client to pay, from the practice settings. */
export async function getDaysUntilDue(tx: Tx): Promise<number> {
  const [{ days }] = await tx<{ days: number }[]>`select days_until_due as days from public.practice_settings`;
  return days;
}
