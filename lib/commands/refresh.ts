import "server-only";
// After a change commits, the pages it names are rendered again on their next request (both doors) — also
// when the body committed and the effect failed afterwards, so a page never shows less than what committed.
import { revalidatePath } from "next/cache";
import type { AnyCommand, Refresh } from "@/lib/commands/command";
import type { Outcome } from "@/lib/commands/execute";

export function refreshPages(pages: Refresh[]): void {
  try {
    for (const page of pages) {
      if (typeof page === "string") revalidatePath(page);
      else revalidatePath(page[0], page[1]);
    }
  } catch (e) {
    // A route handler served outside Next (a test's HTTP server, a script) has no page cache to refresh.
    if (!(e instanceof Error && e.message.includes("static generation store missing"))) throw e;
  }
}

export function refreshAfter(cmd: AnyCommand, outcome: Outcome<unknown>, refresh = refreshPages): void {
  const context = outcome.ok ? outcome.context : outcome.committed;
  if (!context || !cmd.refresh) return;
  refresh(cmd.refresh(context as never, (outcome.ok ? outcome.data : undefined) as never));
}
