// Issue 14, item 1: the tables as Supabase's Data API exposes them, attacked on the production stack's own
// database. Every attack of tests/support/direct-access.ts runs through `stack.admin` exactly as PostgREST
// would (`set local role authenticated`, the forged claims of a demo person, one statement, commit), against
// two demo clients: Kiwi Freight (Priya its assigned engineer, Aroha its owner) and Harbor & Pine (Priya
// unassigned, Sam its engineer and the practice admin, Olivia its owner); Marco is a member of both, Yuki a
// stranger to both. Each attack must be refused or come back empty, and no row may change.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { DEMO_EMAILS, demoId } from "@/lib/dev/seed";
import { runAttacks, type Actor, type Cast, type Targets } from "../../support/direct-access";
import type { Stack } from "../harness";

const person = (who: keyof typeof DEMO_EMAILS): Actor => ({ label: who, id: demoId(DEMO_EMAILS[who]), email: DEMO_EMAILS[who] });

/** Two invoices the attacks aim at (a local one and a Stripe one with its pay link), in months nothing else uses. */
async function targetsFor(stack: Stack, key: "kiwi" | "harbor", author: string, other: string, owner: string, year: number): Promise<Targets> {
  const db = stack.admin;
  const clientId = demoId(`client:${key}`);
  // Numbered from the practice's counter, as a close numbers it (lib/db/invoices.ts nextLocalInvoiceNumber).
  const [local] = await db`
    with n as (update private.invoice_counters set last = last + 1 where practice returning last)
    insert into public.invoices (client_id, month, number, status, currency, total_cents, due_date, issued_at, pushed_at)
    select ${clientId}, ${`${year}-01-01`}, 'INV-' || lpad(n.last::text, 5, '0'), 'open', currency, 480000, ${`${year}-02-15`}, now(), now()
    from public.clients, n where id = ${clientId} returning id`;
  const [stripe] = await db`
    insert into public.invoices (client_id, month, status, currency, total_cents, stripe_invoice_id, hosted_invoice_url, issued_at, pushed_at)
    select ${clientId}, ${`${year}-02-01`}, 'open', currency, 480000, ${`in_direct_${key}_${randomUUID().slice(0, 8)}`},
           'https://invoice.stripe.com/i/acct_demo/direct', now(), now()
    from public.clients where id = ${clientId} returning id`;
  for (const id of [local.id, stripe.id]) {
    await db`insert into public.invoice_lines (invoice_id, client_id, kind, description, amount_cents) values (${id}, ${clientId}, 'retainer_fee', 'Retainer', 480000)`;
  }
  const [closed] = await db`select to_char(month, 'YYYY-MM-DD') as month from public.billing_periods where client_id = ${clientId} and status = 'closed' limit 1`;
  const [entry] = await db`
    select e.id from public.time_entries e
    where e.client_id = ${clientId} and e.engineer_id = ${author} and e.voided_at is null
      and not exists (select 1 from public.billing_periods bp where bp.client_id = e.client_id and bp.month = date_trunc('month', e.work_date)::date and bp.status = 'closed')
    order by e.work_date desc limit 1`;
  return { clientId, localInvoiceId: local.id, stripeInvoiceId: stripe.id, closedMonth: closed.month, freeMonth: `${year - 1}-06-01`, entryId: entry.id, otherPersonId: other, ownerId: owner };
}

export async function directAccess(stack: Stack, report: (line: string) => void) {
  const sam = person("sam");
  const priya = person("priya");
  const common = { member: person("marco"), admin: sam, stranger: person("yuki"), anon: { label: "anon", id: null } };
  const runs: { cast: Cast; targets: Targets }[] = [
    { cast: { ...common, owner: person("aroha"), assigned: priya, unassigned: { label: "signed-up stranger", id: randomUUID(), email: "new@example.test" } },
      targets: await targetsFor(stack, "kiwi", priya.id!, sam.id!, person("aroha").id!, 2013) },
    { cast: { ...common, owner: person("olivia"), assigned: sam, unassigned: priya },
      targets: await targetsFor(stack, "harbor", sam.id!, priya.id!, person("olivia").id!, 2011) },
  ];
  let attempts = 0;
  let refused = 0;
  const through: string[] = [];
  const changed: string[] = [];
  for (const { cast, targets } of runs) {
    for (const r of await runAttacks(stack.admin, cast, targets)) {
      attempts++;
      if (r.refused) refused++;
      if (r.succeeded) through.push(`${r.attack} (${targets.clientId})`);
      if (r.changedTables.length) changed.push(`${r.attack}: ${r.changedTables.join(", ")}`);
    }
  }
  report(`direct table access: ${attempts} attempts, succeeded: ${through.length}, rows changed: ${changed.length} ` +
    `(as PostgREST with demo people's claims on 2 clients; ${refused} refused by privilege, policy or trigger, ${attempts - refused} came back empty)`);
  assert.deepEqual(through, []);
  assert.deepEqual(changed, []);
}
