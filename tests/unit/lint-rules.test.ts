// The seams hold by lint (issue 21): each rule fails on a planted violation and passes the shape it asks for.
// ESLint runs with the project's own config on text given a path, so nothing is written to disk.
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({ cwd: process.cwd() });
  await eslint.lintText("export {};\n", { filePath: "lib/planted.ts" }); // loads the config and parsers once
}, 120_000);

async function problems(filePath: string, code: string, rules: string[] = ["no-restricted-syntax"]): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = result.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`the planted code does not parse: ${fatal.message}`); // else a rule could pass by not running
  return result.messages.filter((m) => m.ruleId !== null && rules.includes(m.ruleId)).map((m) => m.message);
}

const ACTIONS = "app/(portal)/planted/actions.ts";

describe("an action file only exports commands", () => {
  it("accepts one-liners serving a command", async () => {
    expect(await problems(ACTIONS, `"use server";\nimport { serveAction } from "@/lib/commands/action";\nimport { voidEntry } from "@/lib/hours/commands";\nexport const voidEntryAction = serveAction(voidEntry);\n`)).toEqual([]);
  });

  it.each([
    ["a hand-written action", `"use server";\nexport async function voidEntryAction(_: unknown, form: FormData) { return form; }\n`],
    ["an arrow action", `"use server";\nexport const voidEntryAction = async (form: FormData) => form;\n`],
    ["a command written inline", `"use server";\nimport { serveAction } from "@/lib/commands/action";\nimport { command } from "@/lib/commands/command";\nexport const a = serveAction(command({ name: "x" } as never));\n`],
    ["a helper beside the exports", `"use server";\nconst refresh = () => undefined;\nexport const a = refresh;\n`],
    ["a re-export", `"use server";\nexport { voidEntryAction } from "../hours/actions";\n`],
  ])("refuses %s", async (_what, code) => {
    const found = await problems(ACTIONS, code);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(/only imports commands/);
  });
});

describe("a route answers errors in the one contract", () => {
  it("refuses a hand-written error body", async () => {
    const found = await problems("app/api/planted/route.ts", `export async function GET() {\n  return Response.json({ error: "nope" }, { status: 400 });\n}\n`);
    expect(found).toEqual([expect.stringMatching(/errorResponse/)]);
  });

  it("refuses it in lib too (cron jobs and webhooks)", async () => {
    const found = await problems("lib/jobs/planted.ts", `import { NextResponse } from "next/server";\nexport const no = () => NextResponse.json({ error: { code: "x" } }, { status: 500 });\n`);
    expect(found).toEqual([expect.stringMatching(/errorResponse/)]);
  });

  it("accepts success bodies and the contract's rendering", async () => {
    expect(await problems("app/api/planted/route.ts", `import { errorResponse } from "@/lib/commands/route";\nimport { AppError } from "@/lib/platform/errors";\nexport async function GET() {\n  if (Math.random()) return errorResponse(new AppError("invalid", "no"));\n  return Response.json({ received: true });\n}\n`)).toEqual([]);
  });
});

describe("lib/db speaks SQL only", () => {
  const DB = "lib/db/planted.ts";
  const BOTH = ["no-restricted-syntax", "no-restricted-imports"];

  it("accepts a query of (tx, { named }) that returns a row or null", async () => {
    const code = `import type { Tx } from "@/lib/db";\nexport async function getThing(tx: Tx, { id }: { id: string }) {\n  const [row] = await tx\`select 1 as one where ${"$"}{id} is not null\`;\n  return row ?? null;\n}\nexport function listThings(tx: Tx, { limit = 5 }: { limit?: number } = {}) {\n  return tx\`select ${"$"}{limit}\`;\n}\nexport const thingQuery = (tx: Tx, { id }: { id: string }) => tx\`select ${"$"}{id}\`;\n`;
    expect(await problems(DB, code, BOTH)).toEqual([]);
  });

  it.each([
    ["AppError", `import { AppError } from "@/lib/platform/errors";\nexport function f() { throw new AppError("conflict", "No."); }\n`],
    ["notFound", `import { notFound } from "@/lib/platform/errors";\nexport function f(row: unknown) { if (!row) throw notFound("That thing"); return row; }\n`],
    ["refuseIf, by a relative path", `import { refuseIf } from "../platform/errors";\nexport function f() { refuseIf({ message: "No." }); }\n`],
  ])("refuses a refusal: %s", async (_what, code) => {
    const found = await problems(DB, code, BOTH);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((m) => /rows, nulls and counts/.test(m))).toBe(true);
  });

  it.each([
    ["positional arguments", `import type { Tx } from "@/lib/db";\nexport async function voidThing(tx: Tx, actorId: string, id: string) { await tx\`select ${"$"}{actorId}, ${"$"}{id}\`; }\n`],
    ["a bare second argument", `import type { Tx } from "@/lib/db";\nexport function findThing(tx: Tx, tokenHash: string) { return tx\`select ${"$"}{tokenHash}\`; }\n`],
    ["an undestructured object", `import type { Tx } from "@/lib/db";\ninterface F { id: string }\nexport function listThings(tx: Tx, f: F) { return tx\`select ${"$"}{f.id}\`; }\n`],
    ["an arrow with positional arguments", `import type { Tx } from "@/lib/db";\nexport const thingQuery = (tx: Tx, id: string) => tx\`select ${"$"}{id}\`;\n`],
  ])("refuses a query with %s", async (_what, code) => {
    const found = await problems(DB, code);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(/\(tx, \{ named \}\)/);
  });

  it("leaves the connection helpers their own signatures", async () => {
    const code = `import type { Tx } from "@/lib/db/connection";\nexport async function withServiceRole<T>(tx: Tx, fn: () => Promise<T>): Promise<T> { return fn(); }\n`;
    expect(await problems("lib/db/connection.ts", code)).toEqual([]);
  });
});
