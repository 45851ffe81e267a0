import { SelectField, TextField } from "@/components/ui/action-form";
import type { ClientRow } from "@/lib/types/clients";

const zones = Intl.supportedValuesOf("timeZone").map((z) => ({ value: z, label: z.replaceAll("_", " ") }));
const currencyNames = new Intl.DisplayNames(["en"], { type: "currency" });
const currencies = Intl.supportedValuesOf("currency").map((c) => ({ value: c, label: `${c} — ${currencyNames.of(c) ?? c}` }));

/** When the fee is invoiced, as the client settings say it (and show it to owners). */
export const BILLING_TIMING_LABELS = {
  advance: "In advance — the fee at the start of each month, overage after it",
  arrears: "In arrears — fee and overage after the month",
} as const;
const timings = Object.entries(BILLING_TIMING_LABELS).map(([value, label]) => ({ value, label }));

/** The fields of a client, shared by "new client" and the client's settings. New clients are billed in advance. */
export function ClientFields({ client }: { client?: Pick<ClientRow, "name" | "timezone" | "currency" | "billingEmail" | "billingTiming" | "startDate"> }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2"><TextField name="name" label="Business name" defaultValue={client?.name} required maxLength={200} /></div>
      <SelectField name="timezone" label="Time zone" hint="Months, weeks and “today” follow this zone." options={zones} defaultValue={client?.timezone ?? "America/New_York"} />
      <SelectField name="currency" label="Currency" hint="Invoices and rates use this currency." options={currencies} defaultValue={client?.currency ?? "USD"} />
      <div className="sm:col-span-2"><TextField name="billingEmail" label="Billing email" type="email" hint="Where invoices go. Optional." defaultValue={client?.billingEmail} /></div>
      <SelectField name="billingTiming" label="Billing timing" options={timings} defaultValue={client?.billingTiming ?? "advance"}
        hint="Switching never bills a month's fee twice or skips one." />
      <TextField name="startDate" label="Retainer starts on" type="date" defaultValue={client?.startDate ?? ""}
        hint="Optional. A start after the 1st is prorated or starts at the next month, as the practice settings say." />
    </div>
  );
}
