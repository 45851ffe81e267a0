// Limits after sign-in (issue 29, ASVS 2.4.1): a command's `limits` are counted in its own transaction, per person
// or per client, in public.rate_limit_hits. Real commands as real people under RLS:
//   - a test command limited to 3 an hour per person: three run, the fourth is refused "rate_limited" with "Try
//     again in 60 minutes" and changes no row; another person is not counted with the first;
//   - per client: the client's people share one count; another client has its own;
//   - a run that fails (and rolls back) is not counted;
//   - a download (a route handler) spends a limit the same way (spendLimit);
//   - the real commands carry the limits README lists (drafts, invitations, comments, imports, extra hours, webhook resends).
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { commentOnUpdate, draftUpdate } from "@/lib/updates/commands";
import { command } from "@/lib/commands/command";
import { execute } from "@/lib/commands/execute";
import { spendLimit } from "@/lib/commands/limits";
import { LIMITS } from "@/lib/domain/limits";
import { recordAudit } from "@/lib/db/audit";
import { AppError } from "@/lib/platform/errors";
import { invite, resendInvitation } from "@/lib/clients/commands";
import { restoreExport, runImport, uploadImport } from "@/lib/import/commands";
import { answerEntryQuestion, askEntryQuestion } from "@/lib/reviews/commands";
import { comment, proposeItem } from "@/lib/roadmap/commands";
import { inviteStaff } from "@/lib/staff/commands";
import { requestExtraHours } from "@/lib/extra-hours/commands";
import { redeliverWebhook } from "@/lib/webhooks/commands";
import { admin, createCast } from "../support/fixtures";

const key = () => `test-${Math.random().toString(36).slice(2, 10)}`;
const audits = async (clientId: string, action: string) =>
  Number((await admin`select count(*)::int as n from public.audit_events where client_id = ${clientId} and action = ${action}`)[0].n);

/** A command that writes one audit event per run, limited as given; `fail` makes its body throw after writing. */
function limited(limit: { per: "person" | "client" | "practice"; max: number }) {
  const action = key();
  const cmd = command({
    name: action, schema: z.object({ clientId: z.uuid(), fail: z.boolean().optional() }), scope: "member",
    limits: [{ key: action, per: limit.per, max: limit.max, windowMinutes: 60, what: `That is ${limit.max} of these in the last hour.` }],
    run: async ({ tx, client, viewer, input }) => {
      await recordAudit(tx, { clientId: client.id, actorId: viewer.userId, action, entity: "test" });
      if (input.fail) throw new AppError("conflict", "The body failed.");
    },
  });
  return { cmd, action };
}

describe("limits after sign-in", () => {
  it("refuses a person's run past the limit with when to try again, and writes nothing for it", async () => {
    const cast = await createCast();
    const { cmd } = limited({ per: "person", max: 3 });
    for (let i = 0; i < 3; i++) expect(await execute(cmd, cast.ownerA.claims, { clientId: cast.clientA })).toMatchObject({ ok: true });
    const before = await admin`select count(*)::int as n from public.rate_limit_hits`;
    const refused = await execute(cmd, cast.ownerA.claims, { clientId: cast.clientA });
    expect(refused).toMatchObject({ ok: false, error: { code: "rate_limited", userMessage: "That is 3 of these in the last hour. Try again in 60 minutes." } });
    expect(await admin`select count(*)::int as n from public.rate_limit_hits`).toEqual(before); // the refusal counted nothing
    // …and it is on the security record, with the person and the client (ASVS 16.3.3).
    const [event] = await admin`select outcome, client_id, detail from public.security_events where user_id = ${cast.ownerA.id} and kind = 'limit_reached'`;
    expect(event).toMatchObject({ outcome: "refused", client_id: cast.clientA, detail: expect.stringContaining("That is 3 of these in the last hour.") });
    // Another person of the same client has their own count.
    expect(await execute(cmd, cast.memberA.claims, { clientId: cast.clientA })).toMatchObject({ ok: true });
  });

  it("counts a client's people together for a per-client limit, and each client apart", async () => {
    const cast = await createCast();
    const { cmd } = limited({ per: "client", max: 2 });
    expect(await execute(cmd, cast.ownerA.claims, { clientId: cast.clientA })).toMatchObject({ ok: true });
    expect(await execute(cmd, cast.memberA.claims, { clientId: cast.clientA })).toMatchObject({ ok: true });
    expect(await execute(cmd, cast.assigned.claims, { clientId: cast.clientA })).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    expect(await execute(cmd, cast.ownerB.claims, { clientId: cast.clientB })).toMatchObject({ ok: true });
  });

  it("counts everyone in the practice together for a practice-wide ceiling", async () => {
    const cast = await createCast();
    const { cmd } = limited({ per: "practice", max: 2 });
    expect(await execute(cmd, cast.ownerA.claims, { clientId: cast.clientA })).toMatchObject({ ok: true });
    expect(await execute(cmd, cast.ownerB.claims, { clientId: cast.clientB })).toMatchObject({ ok: true });
    expect(await execute(cmd, cast.assigned.claims, { clientId: cast.clientA })).toMatchObject({ ok: false, error: { code: "rate_limited" } });
  });

  it("does not count a run whose body failed and rolled back", async () => {
    const cast = await createCast();
    const { cmd, action } = limited({ per: "person", max: 1 });
    for (let i = 0; i < 3; i++) expect(await execute(cmd, cast.ownerA.claims, { clientId: cast.clientA, fail: true })).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await audits(cast.clientA, action)).toBe(0);
    expect(await execute(cmd, cast.ownerA.claims, { clientId: cast.clientA })).toMatchObject({ ok: true });
    expect(await execute(cmd, cast.ownerA.claims, { clientId: cast.clientA })).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    expect(await audits(cast.clientA, action)).toBe(1);
  });

  it("counts a download (a route, not a command) the same way, in a transaction of its own", async () => {
    const cast = await createCast();
    const limit = { key: key(), per: "person" as const, max: 2, windowMinutes: 60, what: "That is 2 downloads in the last hour." };
    await spendLimit(cast.ownerA.claims, limit);
    await spendLimit(cast.ownerA.claims, limit);
    await expect(spendLimit(cast.ownerA.claims, limit)).rejects.toMatchObject({ code: "rate_limited", userMessage: "That is 2 downloads in the last hour. Try again in 60 minutes." });
    await expect(spendLimit(cast.memberA.claims, limit)).resolves.toBeUndefined();
  });

  it("is declared on the costly and noisy commands", () => {
    expect(draftUpdate.limits).toEqual([LIMITS.drafts, LIMITS.draftsPerClient, LIMITS.draftsPerPractice]);
    expect(requestExtraHours.limits).toEqual([LIMITS.extraHours]);
    expect(redeliverWebhook.limits).toEqual([LIMITS.webhookResends]);
    for (const c of [invite, resendInvitation, inviteStaff]) expect(c.limits).toEqual([LIMITS.invitations]);
    for (const c of [comment, proposeItem, commentOnUpdate, askEntryQuestion, answerEntryQuestion]) expect(c.limits).toEqual([LIMITS.comments]);
    for (const c of [uploadImport, runImport, restoreExport]) expect(c.limits).toEqual([LIMITS.imports]);
  });
});
