// Retainer terms: one row per client and effective month. SQL only: a change in a closed month is refused by
// lib/clients/terms.ts.
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { groupBy } from "@/lib/db/group";
import type { Terms } from "@/lib/domain/retainer";

type TermsRow = Terms & { id: string; clientId: string };

/**
 * Terms of several clients at once, oldest first per client. Fee and overage rate come from
 * private.term_prices: staff and owners (and the service role) get them; a member, who sees no money, reads
 * 0 (the minutes are all a member's pages show).
 */
export async function listTermsFor(tx: Tx, { clientIds }: { clientIds: string[] }): Promise<Map<string, TermsRow[]>> {
  const rows = clientIds.length === 0 ? [] : await tx<TermsRow[]>`
    select t.id, t.client_id as "clientId", to_char(t.effective_month, 'YYYY-MM-DD') as "effectiveMonth",
           t.included_minutes as "includedMinutes", coalesce(p.monthly_fee_cents, 0) as "monthlyFeeCents",
           coalesce(p.overage_rate_cents_per_hour, 0) as "overageRateCentsPerHour", t.overage_increment_minutes as "overageIncrementMinutes",
           t.rollover_cap_minutes as "rolloverCapMinutes", t.rollover_expiry_months as "rolloverExpiryMonths",
           t.overage_preapproved_minutes as "overagePreapprovedMinutes"
    from public.retainer_terms t
    left join private.term_prices(${clientIds}::uuid[]) p on p.terms_id = t.id
    where t.client_id in ${tx(clientIds)} order by t.effective_month`;
  return groupBy(clientIds, rows, (r) => r.clientId);
}

export async function listTerms(tx: Tx, { clientId }: { clientId: string }): Promise<TermsRow[]> {
  return (await listTermsFor(tx, { clientIds: [clientId] })).get(clientId)!;
}

/** Whether the client has a closed month on or after `month`. */
export async function closedMonthFrom(tx: Tx, { clientId, month }: { clientId: string; month: string }): Promise<boolean> {
  const [closed] = await tx`
    select 1 from public.billing_periods
    where client_id = ${clientId} and status = 'closed' and month >= ${month}`;
  return Boolean(closed);
}

/** Sets the terms from their effective month (insert, else update) and audits it; false when no row was written. */
export async function setTerms(tx: Tx, { actorId, clientId, terms: t }: { actorId: string; clientId: string; terms: Terms }): Promise<boolean> {
  const [before] = await tx`
    select t.included_minutes, p.monthly_fee_cents, p.overage_rate_cents_per_hour
    from public.retainer_terms t left join private.term_prices(array[${clientId}]::uuid[]) p on p.terms_id = t.id
    where t.client_id = ${clientId} and t.effective_month = ${t.effectiveMonth}`;
  // Insert, else update with the values themselves: an upsert would read the fee back through `excluded`,
  // and the fee is not selectable by `authenticated`.
  let rows = await tx`
    insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents,
      overage_rate_cents_per_hour, overage_increment_minutes, rollover_cap_minutes, rollover_expiry_months,
      overage_preapproved_minutes)
    values (${clientId}, ${t.effectiveMonth}, ${t.includedMinutes}, ${t.monthlyFeeCents}, ${t.overageRateCentsPerHour},
      ${t.overageIncrementMinutes}, ${t.rolloverCapMinutes}, ${t.rolloverExpiryMonths}, ${t.overagePreapprovedMinutes})
    on conflict (client_id, effective_month) do nothing
    returning id`;
  if (!rows.length) {
    rows = await tx`
      update public.retainer_terms set included_minutes = ${t.includedMinutes}, monthly_fee_cents = ${t.monthlyFeeCents},
        overage_rate_cents_per_hour = ${t.overageRateCentsPerHour}, overage_increment_minutes = ${t.overageIncrementMinutes},
        rollover_cap_minutes = ${t.rolloverCapMinutes}, rollover_expiry_months = ${t.rolloverExpiryMonths},
        overage_preapproved_minutes = ${t.overagePreapprovedMinutes}
      where client_id = ${clientId} and effective_month = ${t.effectiveMonth}
      returning id`;
  }
  if (!rows.length) return false;
  await recordAudit(tx, {
    clientId, actorId, action: before ? "terms.changed" : "terms.set", entity: "retainer_terms", entityId: rows[0].id,
    data: { before: before ?? null, after: t },
  });
  return true;
}
