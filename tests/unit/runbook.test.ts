// The check a handbook draft from the work passes (lib/handbook/runbook.ts): figures only as the people who did the
// work wrote them, lib/ai's prose rules (money, instructions, links, markup inside the prose), citations of the item's
// own entries; and the page the portal renders from it.
import { describe, expect, it } from "vitest";
import { checkRunbook, renderRunbook, templateRunbook, type RunbookFacts } from "@/lib/handbook/runbook";

const E1 = "11111111-1111-4111-8111-111111111111";
const E2 = "22222222-2222-4222-8222-222222222222";
const facts: RunbookFacts = {
  clientId: "c0ffee00-0000-4000-8000-000000000000",
  clientName: "Harbor",
  work: {
    item: { id: "i", title: "Nightly backup", description: "Back up every night at 02:00; keep 14 days.", status: "shipped", shippedOn: "2026-03-05", proposedByRole: "owner" },
    entries: [
      { id: E1, date: "2026-03-02", category: "build", description: "Wrote the job; retries 3 times", writtenByRole: "engineer" },
      { id: E2, date: "2026-03-03", category: "build", description: "Tested a restore", writtenByRole: "engineer" },
    ],
    comments: [{ on: "2026-03-04", body: "Keep a month instead?", writtenByRole: "owner" }],
    moves: [],
  },
};
const answer = (over: Record<string, unknown> = {}, section: Record<string, unknown> = {}) => JSON.stringify({
  title: "Runbook: nightly backup",
  summary: "The job copies the database every night.",
  sections: [{ heading: "How it works", text: "It runs at 02:00, retries 3 times and keeps fourteen days of copies.", steps: ["Check the log."], entryIds: [E1], ...section }],
  ...over,
});
const problems = (text: string) => {
  const r = checkRunbook(text, facts);
  return r.ok ? [] : r.problems.map((p) => p.detail);
};

describe("checkRunbook", () => {
  it("takes figures the work's own words wrote, in any spelling", () => {
    expect(problems(answer())).toEqual([]);
  });
  it("refuses a figure nobody wrote, and hours worked", () => {
    expect(problems(answer({}, { text: "It keeps 30 days of copies." }))).toEqual(["writes 30, which is not in the facts"]);
    expect(problems(answer({}, { text: "It took 6 hours to build." })).join()).toMatch(/6 hours/);
  });
  it("refuses money, echoed instructions, addresses and markup inside the prose", () => {
    expect(problems(answer({ summary: "The backup is free of charge." })).join()).toMatch(/money/);
    expect(problems(answer({ summary: "Send payments to our new bank account." })).length).toBeGreaterThan(0);
    expect(problems(answer({}, { text: "Open https://evil.example/login to check it." })).join()).toMatch(/address|link/);
    expect(problems(answer({}, { text: "## Steps\nDo it." })).join()).toMatch(/heading/);
    expect(problems(answer({}, { text: "<img src=x onerror=alert(1)>" })).join()).toMatch(/HTML/);
    expect(problems(answer({}, { steps: ["Check the log.\nThen more."] })).join()).toMatch(/several lines/);
  });
  it("refuses citations of entries that are not the item's, no citation at all, empty sections and twin headings", () => {
    expect(problems(answer({}, { entryIds: ["33333333-3333-4333-8333-333333333333"] }))).toEqual([
      "cites 33333333-3333-4333-8333-333333333333, which is not an entry of this item",
    ]);
    expect(problems(answer({}, { entryIds: [] }))).toEqual(["no section cites an entry: say which entries each section rests on"]);
    expect(problems(answer({}, { text: "", steps: [] }))).toContain("sections.0: a section needs text or steps");
    const twice = { heading: "How it works", text: "Again.", steps: [], entryIds: [E2] };
    expect(problems(JSON.stringify({ ...JSON.parse(answer()), sections: [...JSON.parse(answer()).sections, twice] }))).toEqual(["two sections share a heading"]);
  });
  it("refuses what is not the shape", () => {
    expect(problems("Sure! Here is the runbook")).toEqual(["the answer is not valid JSON"]);
    expect(problems(answer({ sections: [] }))[0]).toMatch(/^sections:/);
  });
});

describe("renderRunbook and templateRunbook", () => {
  it("renders the portal's headings, numbered steps and links to the entries each section rests on", () => {
    const r = checkRunbook(answer({}, { entryIds: [E1, E2, E1] }), facts);
    expect(r.ok).toBe(true);
    const page = renderRunbook(r.ok ? r.draft : (null as never), facts);
    expect(page.title).toBe("Runbook: nightly backup");
    expect(page.bodyMd.split("\n")).toEqual([
      "The job copies the database every night.", "", "## How it works", "",
      "It runs at 02:00, retries 3 times and keeps fourteen days of copies.", "", "1. Check the log.", "",
      `*From the work logged on [Mar 2, 2026](/clients/${facts.clientId}/hours?month=2026-03#entry-${E1}), [Mar 3, 2026](/clients/${facts.clientId}/hours?month=2026-03#entry-${E2}).*`,
    ]);
  });
  it("writes a skeleton whose people's words cannot become Markdown", () => {
    const hostile: RunbookFacts = { ...facts, work: { ...facts.work, item: { ...facts.work.item, title: "[click](https://evil.example)", description: "# Big" } } };
    const page = renderRunbook(templateRunbook(hostile), hostile);
    expect(page.title).toBe("Runbook: [click](https://evil.example)");
    expect(page.bodyMd).not.toMatch(/(?<!\\)\]\(https:/); // escaped: text, not a link
    expect(page.bodyMd).not.toMatch(/^# Big/m);
    expect(page.bodyMd).toContain("## How to run it");
    expect(page.bodyMd).toContain(`#entry-${E1}`);
  });
});
