import { notFound } from "next/navigation";
import { PortalShell } from "@/components/shell/portal-shell";
import { benchFixture } from "../fixture-file";
import { logEntryAction } from "../../(portal)/actions";

// The benchmark's fixture twins (app/bench/fixture-file.ts): /bench/clients/<id> and /bench/clients/<id>/hours
// mirror the portal's route tree (this layout, the client layout, the page) and render the same components
// from the saved fixture instead of the database. Every segment is a 404 unless RP_BENCH_FIXTURE is set.
export default function BenchPortalLayout({ children }: { children: React.ReactNode }) {
  const fixture = benchFixture();
  if (!fixture) notFound();
  return (
    <PortalShell unread={0} viewer={fixture.viewer} logClients={[]} logAction={logEntryAction}>
      {children}
    </PortalShell>
  );
}
