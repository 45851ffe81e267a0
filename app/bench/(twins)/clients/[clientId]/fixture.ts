import { notFound } from "next/navigation";
import { seesMoney } from "@/lib/domain/access";
import { benchFixture, type BenchFixture } from "../../../fixture-file";

/** The fixture, if the benchmark started this server and the URL names its client; otherwise a 404. */
export async function fixtureFor(params: Promise<{ clientId: string }>): Promise<BenchFixture & { seesMoney: boolean }> {
  const { clientId } = await params;
  const fixture = benchFixture();
  if (!fixture || fixture.client.id !== clientId) notFound();
  const memberRole = fixture.viewer.memberships.find((m) => m.clientId === clientId)?.role ?? null;
  return { ...fixture, seesMoney: seesMoney({ staffRole: fixture.viewer.staffRole, memberRole, isStaff: false }) };
}
