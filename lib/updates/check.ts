// The check a weekly update passes before it reaches the client, whoever wrote its words: Claude, the
// template or a person at the editor. The same phishing filter Claude's drafts are held to
// (lib/ai/phishing.ts) runs over the title and the whole body, so roadmap titles a member proposed, which
// the portal lists as written under "By the numbers", are held to it too. The editor shows the flags; the
// publish action refuses while any remain. Figures and money words are not flagged here: the body carries
// the portal's own figures and sentences, and a person may name a feature ("the invoice export").
import { phishingFlags } from "@/lib/ai/phishing";
import { AppError } from "@/lib/platform/errors";
import type { UpdateFlag } from "@/lib/types/updates";

/** Every flagged phrase of the title and the body, title first. */
export function updateFlags(input: { title: string; bodyMd: string }, appUrl?: string): UpdateFlag[] {
  return (["title", "bodyMd"] as const).flatMap((field) => phishingFlags(input[field], { appUrl }).map((f) => ({ field, ...f })));
}

const KIND: Record<UpdateFlag["kind"], string> = { link: "web addresses", payment: "payment instructions", balance: "claims about the month's hours" };

/** Refuses an update with flagged phrases, each on its field; nothing is written before this passes. */
export function refuseFlagged(input: { title: string; bodyMd: string }, appUrl?: string): void {
  const flags = updateFlags(input, appUrl);
  if (!flags.length) return;
  const fieldErrors: Record<string, string[]> = {};
  for (const f of flags) (fieldErrors[f.field] ??= []).push(`“${f.phrase}” ${f.reason}.`);
  const kinds = [...new Set(flags.map((f) => KIND[f.kind]))].join(", ");
  throw new AppError("invalid", `Not published: the update contains ${kinds} (${flags.length === 1 ? "one phrase" : `${flags.length} phrases`}, listed below). Rewrite or remove them, then publish.`, fieldErrors);
}
