import { ActionForm, SelectField, SubmitButton, TextAreaField, TextField } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import type { ActionState } from "@/lib/commands/state";
import { formatRate, treatmentNote, type BillingDetails, type TaxTreatment } from "@/lib/domain/tax";
import { addressLines } from "@/lib/format";

const TREATMENTS: { value: TaxTreatment["kind"]; label: string }[] = [
  { value: "none", label: "No tax on the invoice" },
  { value: "standard", label: "Charge tax at a rate (GST, VAT, consumption tax)" },
  { value: "reverse_charge", label: "Reverse charge (the client accounts for the VAT)" },
  { value: "exempt", label: "Exempt or zero-rated (say why)" },
];

/** How the treatment reads to a person: "GST 15%", "Reverse charge", "No tax". */
export function describeTreatment(t: TaxTreatment): string {
  switch (t.kind) {
    case "standard": return `${t.label || "Tax"} ${formatRate(t.rateBp)}`;
    case "reverse_charge": return "Reverse charge";
    case "exempt": return "Exempt";
    default: return "No tax";
  }
}

/** The client's bill-to details and tax treatment: a form for staff, what the invoices say for owners. */
export function BillingDetailsCard({ clientId, clientName, details, countries, editable, action }: {
  clientId: string;
  clientName: string;
  details: BillingDetails;
  countries: { code: string; name: string }[];
  editable: boolean;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const t = details.treatment;
  if (!editable) {
    return (
      <Card title="Billing details" className="lg:col-span-2">
        <dl className="grid gap-3 text-sm sm:grid-cols-2">
          <div><dt className="text-slate-500">Invoices are addressed to</dt><dd className="whitespace-pre-line font-medium">{[details.legalName || clientName, ...addressLines(details.address, details.country)].join("\n")}</dd></div>
          <div><dt className="text-slate-500">Tax number</dt><dd className="font-medium">{details.taxId || "—"}</dd></div>
          <div><dt className="text-slate-500">Tax</dt><dd className="font-medium">{describeTreatment(t)}</dd></div>
          {treatmentNote(t) && <div><dt className="text-slate-500">Printed on invoices</dt><dd className="font-medium">{treatmentNote(t)}</dd></div>}
        </dl>
        <p className="mt-3 text-sm text-slate-600">Something wrong? Ask your engineer to correct it before the next invoice.</p>
      </Card>
    );
  }
  return (
    <Card title="Billing details" className="lg:col-span-2">
      <ActionForm action={action} ariaLabel="Billing details">
        <input type="hidden" name="clientId" value={clientId} />
        <p className="text-sm text-slate-600">Printed in the bill-to block of each invoice from the next close on; issued invoices keep what they said.</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="legalName" label="Legal name" defaultValue={details.legalName} maxLength={200} hint={`Leave empty to use “${clientName}”.`} />
          <SelectField name="country" label="Country" defaultValue={details.country}
            options={[{ value: "", label: "Not set" }, ...countries.map((c) => ({ value: c.code, label: c.name }))]} />
        </div>
        <TextAreaField name="address" label="Billing address" defaultValue={details.address} rows={3} maxLength={1000} />
        <TextField name="taxId" label="Client's tax number" defaultValue={details.taxId} maxLength={40} autoComplete="off" spellCheck={false}
          hint="VAT, GST or other tax number; required for a reverse charge." />
        <SelectField name="taxTreatment" label="Tax on invoices" defaultValue={t.kind} options={TREATMENTS} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="taxRate" label="Tax rate (%)" inputMode="decimal" defaultValue={t.kind === "standard" ? String(t.rateBp / 100) : ""}
            hint="When charging tax: 15 for NZ GST, 20 for UK VAT, 10 for Japan's consumption tax." />
          <TextField name="taxLabel" label="Name of the tax" defaultValue={t.kind === "standard" ? t.label : ""} maxLength={40} hint="Such as GST, VAT or 消費税." />
        </div>
        <TextAreaField name="taxNote" label="Wording on exempt or reverse-charge invoices" rows={2} maxLength={300}
          defaultValue={t.kind === "reverse_charge" || t.kind === "exempt" ? t.note : ""} hint="Leave empty for the standard wording." />
        <SubmitButton>Save billing details</SubmitButton>
      </ActionForm>
    </Card>
  );
}
