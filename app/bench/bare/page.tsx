import { notFound } from "next/navigation";
import { connection } from "next/server";
import { benchFixture } from "../fixture-file";

// The bench's floor (issue 24): a page rendered per request by this very build, with the root layout and proxy.ts
// in front as for every page, and nothing else. `npm run bench` reports each page's throughput as a share of this
// one's, measured in the same rounds. A 404 unless RP_BENCH_FIXTURE is set.
export default async function BareDynamic() {
  await connection();
  if (!benchFixture()) notFound();
  return (
    <main className="p-8">
      <h1 className="text-lg font-semibold">Bare dynamic route</h1>
      <p>Rendered at request time.</p>
    </main>
  );
}
