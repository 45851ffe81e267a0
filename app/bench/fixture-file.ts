import "server-only";
import fs from "node:fs";
import v8 from "node:v8";
import type { ClientRow } from "@/lib/types/clients";
import type { Viewer } from "@/lib/types/viewer";
import { env } from "@/lib/platform/env";
import type { LedgerData, OverviewData } from "@/lib/types/pages";

// The benchmark's fixture twins (issue 8): `npm run bench` saves what one owner's dashboard and ledger
// show, and starts the app with RP_BENCH_FIXTURE pointing at that file. /bench/clients/<id> and its /hours
// then render the same route tree and components from memory, so the difference to the real pages is the cost of reading
// Postgres under RLS. Without the variable (every real deployment) those routes are 404s.
// Both halves of the file format live here, and nothing from Next: the bench writes the file from its own
// plain-Node process, the twins (app/bench/layout.tsx, clients/[clientId]/fixture.ts) read it in the app.

export interface BenchFixture {
  viewer: Viewer;
  client: ClientRow;
  overview: OverviewData;
  ledger: LedgerData;
}

let loaded: BenchFixture | null | undefined;

/** The saved fixture, read once per process; null when the twins are off. */
export function benchFixture(): BenchFixture | null {
  if (loaded === undefined) {
    const file = env().RP_BENCH_FIXTURE;
    loaded = file ? (v8.deserialize(fs.readFileSync(file)) as BenchFixture) : null;
  }
  return loaded;
}

/** v8 serialization keeps Dates and Maps as they are, so the twin renders exactly what the page rendered. */
export function saveBenchFixture(file: string, fixture: BenchFixture) {
  fs.writeFileSync(file, v8.serialize(fixture));
}
