// Issue 14, item 2: actions called by someone who may act on their own client, naming it, but with ids of
// another client (or ids that do not exist). Every one must be refused as "not found" in the same words
// either way, change nothing and call Stripe never.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { actionSpecs, type Ids } from "../actions";
import { actionIds, callAction, cookieFor, type PEOPLE, type Stack } from "../harness";

const ID_FIELDS = ["entryId", "itemId", "roadmapItemId", "updateId", "invoiceId"] as const;

/** The ids of `ids` by the field names actions use. */
const byField = (ids: Ids): Record<(typeof ID_FIELDS)[number], string> => ({
  entryId: ids.entry, itemId: ids.item, roadmapItemId: ids.item, updateId: ids.update, invoiceId: ids.invoice,
});

export async function foreignIds(stack: Stack, report: (line: string) => void, ctx: {
  idsOf: (key: "harbor" | "kiwi" | "sakura") => Promise<Ids>;
  checksums: () => Promise<Record<string, string>>;
  stripeCalls: () => number;
}) {
  const actions = actionIds();
  // [who, their own client, whose ids they slip in]: an admin who can see every client, an engineer of one
  // client, and a member of two.
  const attacks: [keyof typeof PEOPLE, "harbor" | "kiwi" | "sakura", "harbor" | "kiwi" | "sakura"][] = [
    ["sam", "harbor", "kiwi"], ["sam", "kiwi", "sakura"], ["priya", "kiwi", "harbor"], ["marco", "harbor", "kiwi"],
  ];
  const before = await ctx.checksums();
  const stripeBefore = ctx.stripeCalls();
  let attempts = 0;
  let succeeded = 0;
  let differentReplies = 0;
  const problems: string[] = [];
  for (const [who, own, other] of attacks) {
    const cookie = await cookieFor(stack, who);
    const ownIds = await ctx.idsOf(own);
    const foreign = byField(await ctx.idsOf(other));
    for (const spec of actionSpecs(ownIds)) {
      const idFields = ID_FIELDS.filter((f) => f in spec.fields);
      if (idFields.length === 0 || !("clientId" in spec.fields)) continue;
      for (const field of idFields) {
        const base = Object.fromEntries(Object.entries(spec.fields).map(([k, v]) => [k, v.value]));
        const withForeign = { ...base, [field]: foreign[field] };
        const withMissing = { ...base, [field]: randomUUID() };
        const [a, b] = [await callAction(stack, cookie, actions.get(spec.name)!, withForeign), await callAction(stack, cookie, actions.get(spec.name)!, withMissing)];
        attempts += 2;
        for (const r of [a, b]) {
          if (r.result?.ok !== false || !/could not be found/.test(r.result.error ?? "")) {
            succeeded++;
            problems.push(`${who} → ${spec.name} (${field} of ${other}): ${r.status} ${JSON.stringify(r.result)?.slice(0, 160)}`);
          }
        }
        // The reply echoes what was typed (values), so compare what it says: the error and the field errors.
        const says = (r: typeof a) => JSON.stringify([r.status, r.result?.ok, r.result?.error, r.result?.fieldErrors]);
        if (says(a) !== says(b)) {
          differentReplies++;
          problems.push(`${who} → ${spec.name} (${field}): another client's id and a missing id answer differently`);
        }
      }
    }
  }
  const after = await ctx.checksums();
  const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
  const stripe = ctx.stripeCalls() - stripeBefore;
  report(`foreign ids in actions: ${attempts} attempts, succeeded: ${succeeded}, rows changed: ${changed.length}, Stripe calls: ${stripe}, replies that tell a missing id from another client's: ${differentReplies}`);
  assert.deepEqual(problems.slice(0, 10), []);
  assert.deepEqual(changed, []);
  assert.equal(stripe, 0);
}
