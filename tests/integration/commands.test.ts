// The command seam (lib/commands): one declaration served to any door. execute() is what the server action
// and the route handler both call, with claims from any source; these run real commands as real people under
// RLS and check that every refusal comes back in the one error contract and changes no row.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { command, publicCommand } from "@/lib/commands/command";
import { execute } from "@/lib/commands/execute";
import { errorResponse, serveCommand } from "@/lib/commands/route";
import type { Claims } from "@/lib/db";
import { logEntry, voidEntry } from "@/lib/hours/commands";
import { setAiDrafting } from "@/lib/clients/commands";
import { AppError, HTTP_STATUS } from "@/lib/platform/errors";
import { admin, createCast } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
const entryB = randomUUID();

const entries = async (clientId: string) => Number((await admin`select count(*)::int as n from public.time_entries where client_id = ${clientId}`)[0].n);
const entry = (clientId: string) => ({ clientId, workDate: "2025-03-03", minutes: "1h30", description: "Tuned the import job", category: "build", billable: "on" });

beforeAll(async () => {
  cast = await createCast();
  await admin`insert into public.time_entries (id, client_id, engineer_id, work_date, minutes, description, category)
    values (${entryB}, ${cast.clientB}, ${cast.admin.id}, '2025-03-03', 60, 'B work', 'build')`;
});

describe("execute: one path for every door", () => {
  it("runs the command in one transaction as the caller and returns its result", async () => {
    const before = await entries(cast.clientA);
    const outcome = await execute(logEntry, cast.assigned.claims, entry(cast.clientA));
    expect(outcome.ok && outcome.data.status).toBe("saved");
    expect(await entries(cast.clientA)).toBe(before + 1);
  });

  it("refuses bad input with field errors and the values typed, and writes nothing", async () => {
    const before = await entries(cast.clientA);
    const outcome = await execute(logEntry, cast.assigned.claims, { ...entry(cast.clientA), minutes: "soon", description: "" });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe("invalid");
    expect(Object.keys(outcome.error.fieldErrors).sort()).toEqual(["description", "minutes"]);
    expect(outcome.values.minutes).toBe("soon");
    expect(await entries(cast.clientA)).toBe(before);
  });

  it("refuses a caller without the scope as not found, whatever door they came through", async () => {
    const before = await entries(cast.clientA);
    for (const who of [cast.memberA, cast.ownerA, cast.unassigned, cast.ownerB]) {
      const outcome = await execute(logEntry, who.claims, entry(cast.clientA));
      expect(outcome.ok ? "saved" : outcome.error.code).toBe("not_found");
    }
    expect(await entries(cast.clientA)).toBe(before);
  });

  it("says why to someone who can see the client but lacks the scope, when the command says so", async () => {
    const outcome = await execute(setAiDrafting, cast.memberA.claims, { clientId: cast.clientA, enabled: "false" });
    expect(outcome.ok ? null : [outcome.error.code, outcome.error.userMessage]).toEqual(["forbidden", "Only the client's owners can change this setting."]);
  });

  it("refuses another client's id in the input, even for an admin who sees both", async () => {
    const outcome = await execute(voidEntry, cast.admin.claims, { clientId: cast.clientA, entryId: entryB, reason: "not ours" });
    expect(outcome.ok ? null : outcome.error.userMessage).toBe("That entry could not be found.");
    expect((await admin`select voided_at from public.time_entries where id = ${entryB}`)[0].voided_at).toBeNull();
  });

  it("needs a caller for a caller's command, and none for a public one", async () => {
    const outcome = await execute(logEntry, null, entry(cast.clientA));
    expect(outcome.ok ? null : outcome.error.code).toBe("unauthenticated");
    const echo = publicCommand({ name: "test.echo", schema: z.object({ word: z.string().min(2, "Say a word.") }), effect: ({ input }) => input.word.toUpperCase() });
    expect(await execute(echo, null, { word: "hi" })).toMatchObject({ ok: true, data: "HI" });
    expect(await execute(echo, null, { word: "" })).toMatchObject({ ok: false, error: { code: "invalid", fieldErrors: { word: ["Say a word."] } } });
  });

  it("reports a database refusal through the one table, and anything unexpected as internal", async () => {
    const closed = command({
      name: "test.closed", schema: z.object({}), scope: "signed-in",
      run: async ({ tx }) => tx`do $$ begin raise exception 'closed' using errcode = 'RP001'; end $$`,
    });
    const broken = command({ name: "test.broken", schema: z.object({}), scope: "signed-in", run: async (): Promise<void> => { throw new Error("boom"); } });
    expect(await execute(closed, cast.ownerA.claims, {})).toMatchObject({ ok: false, error: { code: "month_closed" } });
    expect(await execute(broken, cast.ownerA.claims, {})).toMatchObject({ ok: false, error: { code: "internal", userMessage: expect.stringMatching(/Nothing was saved/) } });
  });

  it("runs the effect after the commit with what the body returned", async () => {
    const seen: string[] = [];
    const twoStep = command({
      name: "test.twoStep", schema: z.object({ clientId: z.uuid() }), scope: "engineer",
      run: async ({ tx, client }) => {
        const [{ n }] = await tx<{ n: number }[]>`select count(*)::int as n from public.time_entries where client_id = ${client.id}`;
        return n;
      },
      effect: ({ client }, n) => {
        seen.push(client.name);
        return `${n} entries`;
      },
    });
    const outcome = await execute(twoStep, cast.assigned.claims, { clientId: cast.clientA });
    expect(outcome).toMatchObject({ ok: true, data: `${await entries(cast.clientA)} entries` });
    expect(seen).toEqual(["Client A"]);
  });
});

describe("the route door and the JSON error contract", () => {
  const claimsOf = (c: Claims) => c; // a route hands over claims from its own check (API token, cron, signature)

  it("answers success as { data, message } and refusals as { error: { code, message, fields } } with the code's status", async () => {
    const refreshed: unknown[] = [];
    const refresh = (pages: unknown[]) => refreshed.push(...pages);
    const ok = await serveCommand(logEntry, claimsOf(cast.assigned.claims), entry(cast.clientA), { refresh });
    expect(ok.status).toBe(200);
    expect(refreshed).toEqual([[`/clients/${cast.clientA}`, "layout"], "/engineer"]); // the pages the change shows on
    expect(((await ok.json()) as { data: { status: string } }).data.status).toBe("saved");

    const bad = await serveCommand(logEntry, claimsOf(cast.assigned.claims), { ...entry(cast.clientA), minutes: "soon" }, { refresh });
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { error: { code: string; message: string; fields: Record<string, string[]> } };
    expect(body.error.code).toBe("invalid");
    expect(body.error.fields.minutes?.[0]).toMatch(/\w/);

    const hidden = await serveCommand(logEntry, claimsOf(cast.ownerB.claims), entry(cast.clientA), { refresh });
    expect([hidden.status, ((await hidden.json()) as { error: { code: string } }).error.code]).toEqual([404, "not_found"]);
    expect(refreshed).toHaveLength(2); // refusals refresh nothing
  });

  it("has a status for every code", () => {
    for (const [code, status] of Object.entries(HTTP_STATUS)) {
      expect(errorResponse(new AppError(code as keyof typeof HTTP_STATUS, "x")).status).toBe(status);
    }
  });
});
