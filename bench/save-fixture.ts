// The saving side of the fixture twins (app/bench): what the owner's pages show, read through the real
// page-data code under the owner's own claims, written in the format app/bench/fixture-file.ts reads back.
import { saveBenchFixture } from "@/app/bench/fixture-file";
import { asUser, type Claims } from "@/lib/db";
import { getClientAccess } from "@/lib/db/clients";
import { loadViewer } from "@/lib/db/viewer";
import { ledgerData } from "@/lib/pages/ledger";
import { overviewData } from "@/lib/pages/overview";

/** What the owner's dashboard and ledger show right now, saved for the fixture twins. */
export async function saveFixture(file: string, claims: Claims, clientId: string) {
  const now = new Date();
  const fixture = await asUser(claims, async (tx) => {
    const viewer = await loadViewer(tx, { userId: claims.sub, email: claims.email });
    const access = await getClientAccess(tx, { clientId });
    if (!access) throw new Error(`the owner cannot see client ${clientId}`);
    const { client } = access;
    return { viewer, client, overview: await overviewData(tx, client, now), ledger: await ledgerData(tx, client, {}, now) };
  });
  saveBenchFixture(file, fixture);
}
