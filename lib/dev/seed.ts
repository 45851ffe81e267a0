// Deterministic demo data for the embedded database: one practice admin who is also the engineer, a second
// engineer, three clients in different zones and currencies (one JPY), their owners and members, retainer
// terms, three months of hours, roadmap items and a published weekly update. Dates are relative to `now`
// (the calendar clock, lib/platform/clock) in each client's zone so the demo always shows a live month, whatever the date. Runs as the database superuser.
import { seededRandom } from "@/lib/dev/random";
import { createHash } from "node:crypto";
import type postgres from "postgres";
import { addDays, addMonths, localDate, monthOf, weekStart, weekday, type LocalDate } from "@/lib/domain/dates";
import { statementFor } from "@/lib/domain/retainer";
import { timedLines } from "@/lib/domain/timing";
import { legalFor, timedLine } from "@/lib/billing/draft";
import type { Tx } from "@/lib/db";
import { insertInvoiceAndClose, nextLocalInvoiceNumber } from "@/lib/db/invoices";
import { computeWeeklyFacts } from "@/lib/domain/weekly";
import { renderUpdate, templateDraft, updateExcerpt } from "@/lib/updates/render";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo-accounts";

/** A stable RFC 9562 v4-shaped UUID derived from a name, so demo ids never change between runs. */
export function demoId(name: string): string {
  const h = createHash("sha256").update(`retainer-portal-demo:${name}`).digest("hex");
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}


export { DEMO_ACCOUNTS, DEMO_EMAILS } from "@/lib/auth/demo-accounts";

interface DemoClient {
  key: string;
  name: string;
  slug: string;
  timezone: string;
  currency: string;
  billingEmail: string;
  terms: {
    includedMinutes: number;
    feeCents: number;
    rateCents: number;
    incrementMinutes: number;
    rolloverCapMinutes: number;
    rolloverExpiryMonths: number;
    preapprovedMinutes: number;
  };
  members: { email: string; role: "owner" | "member" }[];
  engineers: string[];
  roadmap: { title: string; status: string; estimateHours: number; description: string }[];
  /** Share of the included hours used in each of the three months (oldest first). */
  pace: [number, number, number];
  /** An owner's question on the item in progress, waiting for an answer (the engineer home lists it). */
  question?: string;
  /** The first month's invoice is still unpaid: past its due date (the 15th of the month after), it reads Overdue. */
  unpaid?: true;
  /** Bill-to details and tax treatment (public.client_billing_details). */
  billing: { legal_name: string; address: string; country: string; tax_id: string; tax_treatment: "none" | "exempt" | "reverse_charge"; tax_note: string };
}

const CLIENTS: DemoClient[] = [
  {
    key: "harbor",
    name: "Harbor & Pine Bakery",
    slug: "harbor-pine",
    timezone: "America/Los_Angeles",
    currency: "USD",
    billing: { legal_name: "Harbor & Pine Bakery LLC", address: "1120 Alder Street\nPortland, OR 97205, USA", country: "US", tax_id: "", tax_treatment: "none", tax_note: "" },
    billingEmail: "accounts@harborpine.test",
    terms: { includedMinutes: 20 * 60, feeCents: 400_000, rateCents: 22_500, incrementMinutes: 15,
      rolloverCapMinutes: 10 * 60, rolloverExpiryMonths: 2, preapprovedMinutes: 4 * 60 },
    members: [
      { email: "olivia@harborpine.test", role: "owner" },
      { email: "marco@harborpine.test", role: "member" },
    ],
    engineers: ["sam@practice.test"],
    pace: [0.85, 1.12, 0.9],
    question: "Could the order confirmation also go to the café manager's phone, not only to the café inbox?",
    roadmap: [
      { title: "Operations audit", status: "shipped", estimateHours: 8,
        description: "Map how orders flow from the website, phone and wholesale sheet into the kitchen plan." },
      { title: "Wholesale order intake automation", status: "in_progress", estimateHours: 24,
        description: "Parse emailed wholesale orders into the production sheet.\n\n- confirm each order back to the café\n- flag allergens" },
      { title: "Daily bake forecast", status: "planned", estimateHours: 16,
        description: "Predict tomorrow's bake from last year's sales, weather and the events calendar." },
      { title: "Loyalty program export", status: "proposed", estimateHours: 6,
        description: "Export loyalty members to the newsletter tool every Monday." },
    ],
  },
  {
    key: "kiwi",
    name: "Kiwi Freight Co.",
    slug: "kiwi-freight",
    timezone: "Pacific/Auckland",
    currency: "NZD",
    billing: {
      legal_name: "Kiwi Freight Company Limited", address: "12 Te Taou Crescent, Parnell\nTāmaki Makaurau Auckland 1052\nNew Zealand", country: "NZ",
      tax_id: "123-456-789", tax_treatment: "exempt", tax_note: "Services supplied from the United States: no US sales tax or New Zealand GST is charged.",
    },
    billingEmail: "finance@kiwifreight.test",
    terms: { includedMinutes: 30 * 60, feeCents: 780_000, rateCents: 28_000, incrementMinutes: 30,
      rolloverCapMinutes: 0, rolloverExpiryMonths: 0, preapprovedMinutes: 6 * 60 },
    members: [
      { email: "aroha@kiwifreight.test", role: "owner" },
      { email: "marco@harborpine.test", role: "member" },
    ],
    engineers: ["sam@practice.test", "priya@practice.test"],
    pace: [0.95, 1.0, 1.25],
    unpaid: true,
    roadmap: [
      { title: "Dispatch process audit", status: "shipped", estimateHours: 10,
        description: "Interview dispatchers and document the consignment lifecycle." },
      { title: "Proof-of-delivery photo triage", status: "shipped", estimateHours: 20,
        description: "Classify driver photos and attach them to the consignment automatically." },
      { title: "Customer ETA notifications", status: "in_progress", estimateHours: 30,
        description: "Text customers a live ETA when their freight leaves the depot." },
      { title: "Fuel surcharge calculator", status: "planned", estimateHours: 12,
        description: "Recompute surcharges weekly from the published fuel index." },
      { title: "Driver timesheet OCR", status: "dropped", estimateHours: 15,
        description: "Dropped: the new telematics units record hours directly." },
    ],
  },
  {
    key: "sakura",
    name: "Sakura Ceramics",
    slug: "sakura-ceramics",
    timezone: "Asia/Tokyo",
    currency: "JPY",
    billing: {
      legal_name: "株式会社さくら陶房 (Sakura Ceramics K.K.)", address: "〒111-0032 東京都台東区浅草2-3-1\nTaitō-ku, Tokyo, Japan", country: "JP",
      tax_id: "T4010401000000", tax_treatment: "reverse_charge",
      tax_note: "Reverse charge (リバースチャージ方式): consumption tax on this cross-border service is accounted for by the recipient.",
    },
    billingEmail: "keiri@sakura-ceramics.test",
    terms: { includedMinutes: 25 * 60, feeCents: 600_000, rateCents: 25_000, incrementMinutes: 15,
      rolloverCapMinutes: 5 * 60, rolloverExpiryMonths: 1, preapprovedMinutes: 2 * 60 },
    members: [{ email: "yuki@sakura-ceramics.test", role: "owner" }],
    engineers: ["sam@practice.test"],
    pace: [0.7, 0.95, 0.9],
    roadmap: [
      { title: "Shop and inventory audit", status: "shipped", estimateHours: 6,
        description: "Compare the online shop's stock with the studio's kiln log." },
      { title: "Kiln schedule assistant", status: "in_progress", estimateHours: 20,
        description: "Suggest firing batches from open orders and glaze types." },
      { title: "Bilingual product descriptions", status: "planned", estimateHours: 10,
        description: "Draft English descriptions from the Japanese catalogue for the export shop." },
    ],
  },
];

const WORK: Record<string, string[]> = {
  build: ["Implemented parser for incoming orders", "Built the review screen", "Wired up notifications",
    "Added retry and alerting to the import job", "Shipped the first version behind a flag"],
  maintenance: ["Upgraded dependencies and redeployed", "Fixed timezone bug in the nightly job",
    "Rotated API credentials", "Cleaned up failed jobs"],
  audit: ["Reviewed current workflow with the team", "Documented data sources and owners",
    "Measured time spent on manual steps"],
  meeting: ["Weekly check-in", "Planning call for next month", "Walkthrough with the operations lead"],
  training: ["Trained staff on the new review screen", "Recorded a how-to video for the team"],
  support: ["Answered questions about the export", "Investigated a missing order report"],
};

export async function seed(sql: postgres.Sql, now = new Date()): Promise<boolean> {
  const [{ count }] = await sql<{ count: number }[]>`select count(*)::int as count from public.clients`;
  if (count > 0) return false;

  await sql.begin(async (tx) => {
    await tx`update public.practice_settings set name = 'Rivera Fractional Engineering',
      legal_name = 'Rivera Fractional Engineering LLC', country = 'US',
      tax_registrations = ${tx.json([{ scheme: "us_ein", number: "94-3175520" }])},
      address = '548 Market St, Suite 300' || chr(10) || 'San Francisco, CA 94104, USA',
      invoice_email = 'billing@practice.test', days_until_due = 14,
      invoice_footer = 'Thank you for your business.'`;
    // How clients pay a local invoice (no Stripe link), per currency the practice bills in.
    await tx`insert into public.payment_instructions (currency, body) values
      ('USD', ${"Bank transfer (ACH or wire) to Rivera Fractional Engineering LLC\nFirst Bay Bank, San Francisco · routing 121000358 · account 4410 2291 07\nQuote the invoice number as the reference. Payment within 14 days."}),
      ('NZD', ${"Direct credit to Rivera Fractional Engineering\nANZ account 01-0123-0456789-00\nReference: the invoice number. Payment within 14 days."}),
      (null, ${"International transfer (SWIFT) to Rivera Fractional Engineering LLC\nIBAN GB33 BUKB 2020 1555 5555 55 · BIC BUKBGB22\nQuote the invoice number as the reference. Payment within 14 days."})`;

    for (const a of DEMO_ACCOUNTS) {
      await tx`insert into auth.users (id, email, raw_user_meta_data, email_confirmed_at)
               values (${demoId(a.email)}, ${a.email}, ${tx.json({ full_name: a.name })}, now())`;
    }
    await tx`insert into public.staff (user_id, role) values
      (${demoId("sam@practice.test")}, 'admin'), (${demoId("priya@practice.test")}, 'engineer')`;

    for (const [ci, c] of CLIENTS.entries()) {
      const clientId = demoId(`client:${c.key}`);
      const today = localDate(now, c.timezone);
      const thisMonth = monthOf(today);
      const firstMonth = addMonths(thisMonth, -2);
      // The demo clients were billed in arrears before billing timing existed (their first month's invoice below
      // carries its own fee), so they stay in arrears, as the migration keeps every existing client; a client
      // created on /clients/new is billed in advance.
      await tx`insert into public.clients (id, name, slug, timezone, currency, billing_email, billing_timing)
               values (${clientId}, ${c.name}, ${c.slug}, ${c.timezone}, ${c.currency}, ${c.billingEmail}, 'arrears')`;
      await tx`insert into public.client_billing_details ${tx({ client_id: clientId, ...c.billing })}`;
      for (const e of c.engineers) {
        await tx`insert into public.client_engineers (client_id, user_id) values (${clientId}, ${demoId(e)})`;
      }
      for (const m of c.members) {
        await tx`insert into public.client_members (client_id, user_id, role)
                 values (${clientId}, ${demoId(m.email)}, ${m.role})`;
      }
      const t = c.terms;
      await tx`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents,
                 overage_rate_cents_per_hour, overage_increment_minutes, rollover_cap_minutes,
                 rollover_expiry_months, overage_preapproved_minutes)
               values (${clientId}, ${firstMonth}, ${t.includedMinutes}, ${t.feeCents}, ${t.rateCents},
                 ${t.incrementMinutes}, ${t.rolloverCapMinutes}, ${t.rolloverExpiryMonths}, ${t.preapprovedMinutes})`;

      const shippedOn = (i: number) => addDays(firstMonth, 20 + i * 9);
      const itemIds: string[] = [];
      for (const [i, item] of c.roadmap.entries()) {
        const id = demoId(`roadmap:${c.key}:${i}`);
        itemIds.push(id);
        const shippedAt = item.status === "shipped" ? `${shippedOn(i)}T02:00:00Z` : null;
        await tx`insert into public.roadmap_items (id, client_id, title, description, status, position,
                   target_month, estimate_minutes, proposed_by, shipped_at, created_at)
                 values (${id}, ${clientId}, ${item.title}, ${item.description}, ${item.status}, ${i},
                   ${addMonths(firstMonth, Math.min(i, 3))}, ${item.estimateHours * 60},
                   ${item.status === "proposed" ? demoId(c.members[0].email) : demoId("sam@practice.test")},
                   ${shippedAt}, ${`${firstMonth}T18:00:00Z`})`;
        await tx`insert into public.audit_events (client_id, actor_id, action, entity, entity_id, data, at)
                 values (${clientId}, ${item.status === "proposed" ? demoId(c.members[0].email) : demoId("sam@practice.test")},
                         ${item.status === "proposed" ? "roadmap.proposed" : "roadmap.created"}, 'roadmap_item', ${id},
                         ${tx.json({ after: { title: item.title, status: item.status === "proposed" ? "proposed" : "planned" } })},
                         ${`${firstMonth}T18:00:00Z`})`;
        if (shippedAt) {
          await tx`insert into public.audit_events (client_id, actor_id, action, entity, entity_id, data, at)
                   values (${clientId}, ${demoId("sam@practice.test")}, 'roadmap.moved', 'roadmap_item', ${id},
                           ${tx.json({ before: { status: "in_progress" }, after: { status: "shipped" } })}, ${shippedAt})`;
        }
      }

      // About the included hours each month, a little over in one, logged on weekdays up to today.
      const random = seededRandom(1000 + ci);
      const engineerIds = c.engineers.map(demoId);
      const entries: Record<string, unknown>[] = [];
      for (let day = firstMonth; day <= today; day = addDays(day, 1)) {
        // Weekdays, and always today: a demo (and a test) on any date has this week's and today's work.
        if (weekday(day) >= 5 && day !== today) continue;
        const monthIndex = day.slice(0, 7) === firstMonth.slice(0, 7) ? 0 : day.slice(0, 7) === thisMonth.slice(0, 7) ? 2 : 1;
        const dailyTarget = (t.includedMinutes * c.pace[monthIndex]) / 21.5;
        const skip = weekday(day) < 5 && random() > 0.72;
        if (skip && day !== today) continue;
        const blocks = random() > 0.6 ? 2 : 1;
        for (let b = 0; b < blocks; b++) {
          const category = pick(random, ["build", "build", "build", "maintenance", "audit", "meeting", "support", "training"]);
          const minutes = Math.max(15, Math.round(((dailyTarget * 1.4) / blocks) * (0.6 + random() * 0.8) / 15) * 15);
          // Work is logged against items being built: not proposals, not dropped ones, and a shipped one only
          // until the day it shipped.
          const openItems = itemIds.filter((_, i) => c.roadmap[i].status !== "proposed" && c.roadmap[i].status !== "dropped"
            && (c.roadmap[i].status !== "shipped" || day < shippedOn(i)));
          entries.push({
            id: demoId(`entry:${c.key}:${day}:${b}`),
            client_id: clientId,
            engineer_id: pick(random, engineerIds),
            work_date: day,
            minutes,
            description: pick(random, WORK[category]),
            category,
            billable: category !== "training" || random() > 0.5,
            roadmap_item_id: (category === "build" || category === "audit" ? pick(random, openItems) : null) ?? null,
            created_at: `${day}T23:00:00Z`,
          });
        }
      }
      if (entries.length) await tx`insert into public.time_entries ${tx(entries)}`;
      // Each entry's trail, in the shape lib/db/entries' insertEntry records it (the Activity page's "Hours"),
      // at the instant it was logged (never after the seed's now).
      const logged = entries.map((e) => ({
        client_id: clientId, actor_id: e.engineer_id as string, action: "entry.created", entity: "time_entry", entity_id: e.id as string,
        data: tx.json({
          after: { workDate: e.work_date, minutes: e.minutes, description: e.description, category: e.category, billable: e.billable,
            roadmapItemId: e.roadmap_item_id },
        } as never),
        at: notAfter(String(e.created_at), now),
      }));
      for (let i = 0; i < logged.length; i += 500) await tx`insert into public.audit_events ${tx(logged.slice(i, i + 500))}`;

      // The oldest month is closed (its statement snapshot kept), so its entries are locked.
      const statement = statementFor(
        [{ effectiveMonth: firstMonth, includedMinutes: t.includedMinutes, monthlyFeeCents: t.feeCents, overageRateCentsPerHour: t.rateCents,
          overageIncrementMinutes: t.incrementMinutes, rolloverCapMinutes: t.rolloverCapMinutes, rolloverExpiryMonths: t.rolloverExpiryMonths,
          overagePreapprovedMinutes: t.preapprovedMinutes }],
        entries.map((e) => ({ workDate: e.work_date as LocalDate, minutes: e.minutes as number, billable: e.billable as boolean, voided: false })),
        firstMonth,
      );
      // Closed and invoiced the way the app does it (local invoice, as without a Stripe key), then paid, except
      // by a client still owing it (overdue since the 15th of last month, whatever the date).
      const invoiceId = await insertInvoiceAndClose(tx as unknown as Tx, {
        actorId: demoId("sam@practice.test"),
        invoice: {
          clientId, month: firstMonth, currency: c.currency, statement: statement!,
          lines: timedLines(firstMonth, [statement!], "arrears", new Set()).map((l) => timedLine(l, firstMonth)),
          legal: await legalFor(tx as unknown as Tx, { id: clientId, name: c.name, timezone: c.timezone, currency: c.currency }),
          local: { number: await nextLocalInvoiceNumber(tx as unknown as Tx), dueDate: addDays(addMonths(firstMonth, 1), 14) },
        },
      });
      // One story in every place: the invoice and the audit event of its close share the instant it was issued
      // (the morning of the 1st), and the payment is recorded by Sam when it arrived.
      const issuedAt = `${addMonths(firstMonth, 1)}T09:00:00Z`;
      const paidAt = `${addDays(addMonths(firstMonth, 1), 9)}T20:00:00Z`;
      await tx`update public.audit_events set at = ${issuedAt} where client_id = ${clientId} and action = 'month.closed'`;
      // Kiwi Freight's bank transfer has not arrived yet: its invoice stays open ("How to pay", Overdue).
      if (c.unpaid) {
        await tx`update public.invoices set issued_at = ${issuedAt} where id = ${invoiceId}`;
      } else {
        await tx`update public.invoices set status = 'paid', paid_at = ${paidAt}, issued_at = ${issuedAt} where id = ${invoiceId}`;
        await tx`insert into public.audit_events (client_id, actor_id, action, entity, entity_id, data, at)
                 values (${clientId}, ${demoId("sam@practice.test")}, 'invoice.paid', 'invoice', ${invoiceId}, ${tx.json({ via: "staff" })}, ${paidAt})`;
      }

      // The owner asked a question about the work in progress a day ago; it waits for the engineer's answer.
      const asked = c.roadmap.findIndex((r) => r.status === "in_progress");
      if (asked >= 0 && c.question) {
        const at = new Date(now.getTime() - 26 * 3600_000).toISOString();
        const [comment] = await tx<{ id: string }[]>`
          insert into public.roadmap_comments (client_id, item_id, author_id, body, created_at)
          values (${clientId}, ${itemIds[asked]}, ${demoId(c.members[0].email)}, ${c.question}, ${at}) returning id`;
        await tx`insert into public.audit_events (client_id, actor_id, action, entity, entity_id, data, at)
                 values (${clientId}, ${demoId(c.members[0].email)}, 'roadmap.commented', 'roadmap_item', ${itemIds[asked]},
                         ${tx.json({ commentId: comment.id })}, ${at})`;
        // In the engineers' inboxes, unread, as lib/notifications/notify writes it.
        await tx`insert into public.notifications (client_id, user_id, kind, title, body, href, dedupe_key, mail, created_at)
                 select ${clientId}, ce.user_id, 'roadmap.commented',
                        coalesce(nullif(p.full_name, ''), p.email) || ' commented on “' || ${c.roadmap[asked].title} || '”', ${c.question},
                        ${`/clients/${clientId}/roadmap/${itemIds[asked]}#comments`}, ${`comment:${comment.id}:`} || ce.user_id, 'sent', ${at}
                 from public.client_engineers ce, public.profiles p where ce.client_id = ${clientId} and p.id = ${demoId(c.members[0].email)}`;
      }

      // Last week's update, published: drafted from the week's facts by the template, as the app would.
      const lastWeek = addDays(weekStart(today), -7);
      // The handbook (issue 26): a runbook the client reads, with a diagram, and an internal systems note.
      const shipped = c.roadmap.findIndex((r) => r.status === "shipped");
      for (const [i, page] of handbookPages(c.name, shipped >= 0 ? c.roadmap[shipped].title : null).entries()) {
        await tx`
          with page as (
            insert into public.handbook_pages (id, client_id, section, title, body_md, visibility, roadmap_item_id, created_by, updated_by, created_at, updated_at)
            values (${demoId(`handbook:${c.key}:${i}`)}, ${clientId}, ${page.section}, ${page.title}, ${page.bodyMd}, ${page.visibility},
                    ${page.documentsShipped && shipped >= 0 ? itemIds[shipped] : null}, ${demoId("sam@practice.test")}, ${demoId("sam@practice.test")},
                    ${`${firstMonth}T20:00:00Z`}, ${`${firstMonth}T20:00:00Z`})
            returning id, client_id, version, section, title, body_md, visibility, roadmap_item_id, created_at
          )
          insert into public.handbook_versions (page_id, client_id, version, section, title, body_md, visibility, roadmap_item_id, saved_by, saved_at)
          select id, client_id, version, section, title, body_md, visibility, roadmap_item_id, ${demoId("sam@practice.test")}, created_at from page`;
      }

      const itemTitle = new Map(c.roadmap.map((r, i) => [itemIds[i], r.title]));
      const facts = computeWeeklyFacts({
        clientName: c.name,
        timezone: c.timezone,
        weekStart: lastWeek,
        entries: entries.map((e) => ({
          id: e.id as string, workDate: e.work_date as LocalDate, minutes: e.minutes as number, category: e.category as string,
          description: e.description as string, billable: e.billable as boolean, voided: false,
          roadmapItemId: e.roadmap_item_id as string | null, roadmapTitle: itemTitle.get(e.roadmap_item_id as string) ?? null,
        })),
        roadmapChanges: [],
        month: null,
      });
      const rendered = renderUpdate(templateDraft(facts, c.roadmap.filter((r) => r.status === "in_progress" || r.status === "planned").map((r) => r.title)), facts);
      const publishedAt = notAfter(`${addDays(lastWeek, 7)}T01:00:00Z`, now);
      const [update] = await tx<{ id: string }[]>`
        insert into public.weekly_updates (client_id, week_start, status, title, body_md, facts, citations,
                 source, published_at, published_by)
               values (${clientId}, ${lastWeek}, 'published', ${rendered.title}, ${rendered.bodyMd}, ${tx.json(facts as never)},
                 ${tx.json(rendered.citations as never)}, 'template', ${publishedAt}, ${demoId("sam@practice.test")})
               returning id`;
      // Drafted, then published, as lib/db/updates records them (the Activity page's "Updates").
      const draftedAt = new Date(Date.parse(publishedAt) - 30 * 60_000).toISOString();
      await tx`insert into public.audit_events (client_id, actor_id, action, entity, entity_id, data, at) values
        (${clientId}, ${demoId("sam@practice.test")}, 'update.drafted', 'weekly_update', ${update.id},
         ${tx.json({ weekStart: lastWeek, source: "template", model: null })}, ${draftedAt}),
        (${clientId}, ${demoId("sam@practice.test")}, 'update.published', 'weekly_update', ${update.id},
         ${tx.json({ weekStart: lastWeek, title: rendered.title })}, ${publishedAt})`;
      // Every member was told of it (their inbox, unread), as publishing does.
      await tx`insert into public.notifications (client_id, user_id, kind, title, body, href, dedupe_key, mail, created_at)
               select ${clientId}, m.user_id, 'update.published', ${`Weekly update: ${rendered.title}`}, ${updateExcerpt(rendered.bodyMd)},
                      ${`/clients/${clientId}/updates#u-${update.id}`}, ${`update:${update.id}:`} || m.user_id, 'sent', ${publishedAt}
               from public.client_members m where m.client_id = ${clientId}`;
    }
  });
  return true;
}

/** The demo's handbook pages of a client: a visible runbook with a Mermaid diagram, and an internal note. */
function handbookPages(clientName: string, shippedTitle: string | null) {
  return [
    {
      section: "runbooks", visibility: "client", documentsShipped: true,
      title: shippedTitle ? `Runbook: ${shippedTitle}` : "Runbook: when the nightly import fails",
      bodyMd: [
        `What to do when the nightly import for ${clientName} stops.`,
        "",
        "```mermaid",
        "flowchart LR",
        "  A[Nightly import] --> B{Rows arrived?}",
        "  B -- yes --> C[Dashboard updated]",
        "  B -- no --> D[Alert email to the team]",
        "  D --> E[Check the supplier's file]",
        "```",
        "",
        "## Steps",
        "",
        "1. Open the import log and find the last run.",
        "2. If the supplier's file is missing, email them; the import retries every hour.",
        "3. If the file is there but refused, forward the error to your engineer.",
      ].join("\n"),
    },
    {
      section: "architecture", visibility: "internal", documentsShipped: false,
      title: "Systems map and access (internal)",
      bodyMd: [
        `The systems ${clientName} runs and who holds the keys. Internal: credentials live in the password manager, never here.`,
        "",
        "- **Orders**: the shop's admin, exported nightly to the import bucket.",
        "- **Reporting**: the dashboard reads the warehouse every morning.",
        "- **Alerts**: email to the shared inbox.",
      ].join("\n"),
    },
  ] as const;
}

/** An ISO instant, moved back to a minute before `now` when it lies after it (today's entries, in zones east of UTC). */
function notAfter(iso: string, now: Date): string {
  return Date.parse(iso) < now.getTime() ? new Date(iso).toISOString() : new Date(now.getTime() - 60_000).toISOString();
}

function pick<T>(random: () => number, xs: readonly T[]): T {
  return xs[Math.floor(random() * xs.length)];
}
