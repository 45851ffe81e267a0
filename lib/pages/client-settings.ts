// A client's settings page: staff manage the client and its people; owners see who has access. The terms,
// the people and pending invitations, the engineers (assigned, or who logged time in the last three months)
// and, for admins, the staff who could be assigned.
import { asUser } from "@/lib/db";
import { listEngineers, listInvitations, listMembers, listStaff } from "@/lib/db/clients";
import { getBillingDetails } from "@/lib/db/billing-details";
import { listTerms } from "@/lib/db/terms";
import { COUNTRIES } from "@/lib/schemas/tax";
import { addDays, localDate, monthOf, type Month } from "@/lib/domain/dates";
import { getSlackConnection } from "@/lib/db/slack";
import type { ClientPage } from "@/lib/pages/access";

export async function viewClientSettings({ claims, viewer, client, isStaff }: ClientPage, now: Date) {
  const admin = viewer.staffRole === "admin";
  const today = localDate(now, client.timezone);
  const [terms, members, engineers, invitations, staff, billing, slack] = await asUser(claims, (tx) =>
    Promise.all([
      listTerms(tx, { clientId: client.id }),
      listMembers(tx, { clientId: client.id }),
      listEngineers(tx, { clientId: client.id, since: addDays(today, -92) }),
      isStaff ? listInvitations(tx, { clientId: client.id }) : Promise.resolve([]),
      admin ? listStaff(tx) : Promise.resolve([]),
      getBillingDetails(tx, { clientId: client.id }),
      getSlackConnection(tx, { clientId: client.id }),
    ]),
  );
  return {
    /** Admins assign and remove engineers. */
    admin,
    terms,
    members,
    engineers,
    /** Invitations not accepted yet (staff only; empty for owners). */
    pending: invitations.filter((i) => !i.acceptedAt),
    /** Staff not assigned to the client, to assign (admins only). */
    unassigned: staff.filter((s) => !engineers.some((e) => e.userId === s.userId)),
    currentMonth: monthOf(today) as Month,
    /** Bill-to details and tax treatment (staff and owners read them; the page is theirs). */
    billing,
    countries: COUNTRIES,
    /** The client's Slack connection (owners and staff; never its URL). */
    slack,
  };
}
