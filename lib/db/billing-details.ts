// A client's bill-to details and tax treatment (public.client_billing_details): read by staff and owners of
// the client, written by its staff (RLS). A client without a row bills as "no tax, no address" until staff set
// them; the close snapshots what is here onto each invoice (invoices.legal).
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import type { BillingDetails, TaxTreatment } from "@/lib/domain/tax";

export type { BillingDetails } from "@/lib/domain/tax";

export const NO_BILLING_DETAILS: BillingDetails = { legalName: "", address: "", country: "", taxId: "", treatment: { kind: "none" } };

interface Row {
  legalName: string;
  address: string;
  country: string;
  taxId: string;
  kind: TaxTreatment["kind"];
  rateBp: number | null;
  label: string;
  note: string;
}

function treatmentOf(r: Row): TaxTreatment {
  switch (r.kind) {
    case "standard": return { kind: "standard", rateBp: r.rateBp ?? 0, label: r.label };
    case "reverse_charge": return { kind: "reverse_charge", note: r.note };
    case "exempt": return { kind: "exempt", note: r.note };
    default: return { kind: "none" };
  }
}

/** The client's billing details the caller may read; the empty default when there is no row (or it is hidden). */
export async function getBillingDetails(tx: Tx, { clientId }: { clientId: string }): Promise<BillingDetails> {
  const [r] = await tx<Row[]>`
    select legal_name as "legalName", address, country, tax_id as "taxId", tax_treatment as kind, tax_rate_bp as "rateBp",
           tax_label as label, tax_note as note
    from public.client_billing_details where client_id = ${clientId}`;
  return r ? { legalName: r.legalName, address: r.address, country: r.country, taxId: r.taxId, treatment: treatmentOf(r) } : NO_BILLING_DETAILS;
}

/** Sets the client's billing details (insert or update, as the caller under RLS), audited with before and after. */
export async function setBillingDetails(tx: Tx, { clientId, actorId, details: d }: { clientId: string; actorId: string; details: BillingDetails }): Promise<void> {
  const before = await getBillingDetails(tx, { clientId });
  const t = d.treatment;
  const cols = {
    legal_name: d.legalName, address: d.address, country: d.country, tax_id: d.taxId, tax_treatment: t.kind,
    tax_rate_bp: t.kind === "standard" ? t.rateBp : null, tax_label: t.kind === "standard" ? t.label : "",
    tax_note: t.kind === "reverse_charge" || t.kind === "exempt" ? t.note : "",
  };
  await tx`
    insert into public.client_billing_details ${tx({ client_id: clientId, ...cols })}
    on conflict (client_id) do update set legal_name = excluded.legal_name, address = excluded.address, country = excluded.country,
      tax_id = excluded.tax_id, tax_treatment = excluded.tax_treatment, tax_rate_bp = excluded.tax_rate_bp, tax_label = excluded.tax_label,
      tax_note = excluded.tax_note, updated_at = now()`;
  await recordAudit(tx, { clientId, actorId, action: "client.billing_details_changed", entity: "client", entityId: clientId, data: { before, after: d } });
}
