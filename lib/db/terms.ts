// Retainer terms: one row per client and effective month.
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { groupBy } from "@/lib/db/group";
import type { Terms } from "@/lib/domain/retainer";
import { AppError, notFound } from "@/lib/platform/errors";

type TermsRow = Terms & { id: string; clientId: string };

/** Terms of several clients at once, oldest first per client. */
export async function listTermsFor(tx: Tx, clientIds: string[]): Promise<Map<string, TermsRow[]>> {
  const rows = clientIds.length === 0 ? [] : await tx<TermsRow[]>`
    select id, client_id as "clientId", to_char(effective_month, 'YYYY-MM-DD') as "effectiveMonth",
           included_minutes as "includedMinutes", monthly_fee_cents as "monthlyFeeCents",
           overage_rate_cents_per_hour as "overageRateCentsPerHour", overage_increment_minutes as "overageIncrementMinutes",
           rollover_cap_minutes as "rolloverCapMinutes", rollover_expiry_months as "rolloverExpiryMonths",
           overage_preapproved_minutes as "overagePreapprovedMinutes"
    from public.retainer_terms where client_id in ${tx(clientIds)} order by effective_month`;
  return groupBy(clientIds, rows, (r) => r.clientId);
}

export async function listTerms(tx: Tx, { clientId }: { clientId: string }): Promise<TermsRow[]> {
  return (await listTermsFor(tx, [clientId])).get(clientId)!;
}

export async function setTerms(tx: Tx, actorId: string, clientId: string, t: Terms) {
  const [closed] = await tx`
    select 1 from public.billing_periods
    where client_id = ${clientId} and status = 'closed' and month >= ${t.effectiveMonth}`;
  if (closed) {
    const msg = "That month is already closed. Terms can change from the first open month on.";
    throw new AppError("month_closed", msg, { effectiveMonth: [msg] });
  }
  const [before] = await tx`
    select included_minutes, monthly_fee_cents, overage_rate_cents_per_hour
    from public.retainer_terms where client_id = ${clientId} and effective_month = ${t.effectiveMonth}`;
  const rows = await tx`
    insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents,
      overage_rate_cents_per_hour, overage_increment_minutes, rollover_cap_minutes, rollover_expiry_months,
      overage_preapproved_minutes)
    values (${clientId}, ${t.effectiveMonth}, ${t.includedMinutes}, ${t.monthlyFeeCents}, ${t.overageRateCentsPerHour},
      ${t.overageIncrementMinutes}, ${t.rolloverCapMinutes}, ${t.rolloverExpiryMonths}, ${t.overagePreapprovedMinutes})
    on conflict (client_id, effective_month) do update set
      included_minutes = excluded.included_minutes, monthly_fee_cents = excluded.monthly_fee_cents,
      overage_rate_cents_per_hour = excluded.overage_rate_cents_per_hour,
      overage_increment_minutes = excluded.overage_increment_minutes, rollover_cap_minutes = excluded.rollover_cap_minutes,
      rollover_expiry_months = excluded.rollover_expiry_months, overage_preapproved_minutes = excluded.overage_preapproved_minutes
    returning id`;
  if (!rows.length) throw notFound("That client");
  await recordAudit(tx, {
    clientId, actorId, action: before ? "terms.changed" : "terms.set", entity: "retainer_terms", entityId: rows[0].id,
    data: { before: before ?? null, after: t },
  });
}
