// "Overdue" in the views (issue 27): an open or uncollectible invoice past its due date on the client's
// calendar day, by the clock the page passes (never the real date), on the client's invoices, the
// explain-invoice page and staff billing; what the invoice is stored as does not change.
import { beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/lib/auth/session";
import { asUser } from "@/lib/db";
import { getClientAccess } from "@/lib/db/clients";
import { loadViewer } from "@/lib/db/viewer";
import { seesMoney } from "@/lib/domain/access";
import type { ClientPage } from "@/lib/pages/access";
import { viewBilling } from "@/lib/pages/billing";
import { viewInvoice } from "@/lib/pages/invoice";
import { viewInvoices } from "@/lib/pages/invoices";
import { addMember, admin, assignEngineer, createClient, createStaff, createUser, type TestUser } from "../support/fixtures";

// 20:00 UTC on 30 November is 09:00 on 1 December in Auckland: 30 November is yesterday there, today in UTC.
const NOW = new Date("2026-11-30T20:00:00Z");
const INVOICES = [
  { month: "2026-10-01", status: "open", due: "2026-11-30", reads: "overdue" },
  { month: "2026-09-01", status: "open", due: "2026-12-01", reads: "open" }, // due today in Auckland
  { month: "2026-08-01", status: "uncollectible", due: "2026-09-15", reads: "overdue" },
  { month: "2026-07-01", status: "paid", due: "2026-08-15", reads: "paid" },
  { month: "2026-06-01", status: "void", due: "2026-07-15", reads: "void" },
  { month: "2026-05-01", status: "draft", due: null, reads: "draft" },
] as const;

let clientId: string;
let owner: TestUser;
let engineer: TestUser;
const ids = new Map<string, string>();

async function session(user: TestUser): Promise<Session> {
  return { claims: user.claims, viewer: await asUser(user.claims, (tx) => loadViewer(tx, { userId: user.id, email: user.email })) };
}
async function accessAs(user: TestUser): Promise<ClientPage> {
  const { claims, viewer } = await session(user);
  const { client, isStaff, dataVersion } = await asUser(claims, (tx) => getClientAccess(tx, { clientId }).then((row) => row!));
  const memberRole = viewer.memberships.find((m) => m.clientId === clientId)?.role ?? null;
  return { claims, viewer, client, isStaff, memberRole, dataVersion, seesMoney: seesMoney({ staffRole: viewer.staffRole, memberRole, isStaff }) };
}

beforeAll(async () => {
  clientId = await createClient({ name: "Kiwi Overdue", timezone: "Pacific/Auckland", currency: "NZD" });
  owner = await createUser("overdue-owner");
  await addMember(clientId, owner, "owner");
  engineer = await createStaff("overdue-eng", "engineer"); // assigned to this client only, so billing lists its invoices alone
  await assignEngineer(clientId, engineer);
  for (const i of INVOICES) {
    const [row] = await admin<{ id: string }[]>`
      insert into public.invoices (client_id, month, number, status, currency, total_cents, due_date, issued_at, paid_at, pushed_at)
      values (${clientId}, ${i.month}, ${i.status === "draft" ? null : `OVR-${i.month}`}, ${i.status}, 'NZD', 100000, ${i.due},
              ${i.status === "draft" ? null : NOW}, ${i.status === "paid" ? NOW : null}, ${NOW})
      returning id`;
    ids.set(i.month, row.id);
  }
});

const expected = Object.fromEntries(INVOICES.map((i) => [i.month, { status: i.status, displayStatus: i.reads }]));

describe("an invoice past its due date reads Overdue", () => {
  it("on the client's invoices", async () => {
    const { invoices } = await viewInvoices(await accessAs(owner), NOW);
    expect(Object.fromEntries(invoices.map((i) => [i.month, { status: i.status, displayStatus: i.displayStatus }]))).toEqual(expected);
  });

  it("on explain-this-invoice, by the clock it is given", async () => {
    const access = await accessAs(owner);
    for (const i of INVOICES) {
      const view = await viewInvoice(access, ids.get(i.month)!, NOW);
      expect([i.month, view.invoice.status, view.displayStatus]).toEqual([i.month, i.status, i.reads]);
    }
    // A day earlier in Auckland, the October invoice was not overdue yet.
    const before = await viewInvoice(access, ids.get("2026-10-01")!, new Date("2026-11-29T20:00:00Z"));
    expect(before.displayStatus).toBe("open");
  });

  it("on staff billing, each invoice on its own client's day", async () => {
    const { invoices } = await viewBilling(await session(engineer), {}, NOW);
    expect(Object.fromEntries(invoices.map((i) => [i.month, { status: i.status, displayStatus: i.displayStatus }]))).toEqual(expected);
  });
});
