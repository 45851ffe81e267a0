// The phishing filter (lib/ai/phishing.ts) on its own, and as the publish check (lib/updates/check.ts): the
// phrases it flags are the ones written, file names pass only in the forms its header allows, and the
// portal's own rendering of honest weeks (template or model) is never flagged.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { phishingFlags } from "@/lib/ai/phishing";
import { renderUpdate, templateDraft } from "@/lib/updates/render";
import { computeWeeklyFacts, type WeekEntryInput } from "@/lib/domain/weekly";
import { AppError } from "@/lib/platform/errors";
import { refuseFlagged, updateFlags } from "@/lib/updates/check";
import { APP_URL, CLIENT_ID, corpusFacts, honestDrafts, ISSUE_20, phishingCorpus } from "./draft-corpus";

const flagged = (text: string) => phishingFlags(text, { appUrl: APP_URL }).map((f) => `${f.kind}: ${f.phrase}`);

describe("the phishing filter", () => {
  it("flags each part of issue 20's reply, quoting it as written", () => {
    expect(flagged(ISSUE_20.reply)).toEqual([
      "payment: bank details", "payment: please wire", "payment: wire the outstanding sum", "payment: new account listed", "link: harborpine.help",
      "balance: used almost none of the hours",
    ]);
    expect(flagged(ISSUE_20.spelled)).toEqual(["link: harborpine dot com"]);
    expect(flagged(ISSUE_20.host)).toEqual(["link: hp-portal.to"]);
  });

  it("quotes a disguised address as written and says what it reads as", () => {
    const [f] = phishingFlags("Wire it at harborpine\u3002help today");
    expect(f).toMatchObject({ kind: "link", phrase: "harborpine\u3002help" });
    expect(f.reason).toContain("harborpine.help");
    expect(flagged("see h a r b o r p i n e . c o m now")).toEqual(["link: h a r b o r p i n e . c o m"]);
    expect(flagged("see harborpine\\[.\\]com now")).toEqual(["link: harborpine\\[.\\]com"]);
  });

  it("knows every public suffix from the list, not from code: new TLDs, multi-label suffixes, punycode", () => {
    for (const host of ["harborpine.help", "pay-now.finance", "x.email", "hp-portal.to", "stripe-billing.com", "a.co.uk", "a.com.au", "a.xn--p1ai", "a.accountant", "a.zip"]) {
      expect(flagged(`go to ${host} now`), host).toEqual([`link: ${host}`]);
    }
    // Not public suffixes: file extensions and words.
    for (const name of ["next.config.ts", "package.json", "prose.tsx", "Node.js", "app.module.css", "schema.sql", "ci.yml", "Cargo.toml", ".env", "a.invoice"]) {
      expect(flagged(`updated ${name} today`), name).toEqual([]);
    }
  });

  it("takes .md, .sh, .py, .rs and .tf for files only in code spans, path segments and conventional names", () => {
    expect(flagged("Updated README.md, CHANGELOG.md and docs/setup.md, `deploy.sh`, scripts/backup.sh, `setup.py` and infra/main.tf.")).toEqual([]);
    expect(flagged("Run deploy.sh")).toEqual(["link: deploy.sh"]);
    expect(phishingFlags("Run deploy.sh")[0].reason).toMatch(/put it in backticks/);
    for (const host of ["harborpine.md", "pay-now.sh", "HARBORPINE.md", "harborpine.rs"]) expect(flagged(`see ${host}`), host).toEqual([`link: ${host}`]);
    // A path's first segment is a host like any other; so is a disguised file name.
    expect(flagged("see harborpine.help/docs/setup.md")).toEqual(["link: harborpine.help"]);
    expect(flagged("see docs/setup[.]md")).toEqual(["link: setup[.]md"]);
  });

  it("refuses other suffixes in code spans and paths too, and identifiers that end in one", () => {
    expect(flagged("posts to `stripe-billing.com` now")).toEqual(["link: stripe-billing.com"]);
    expect(flagged("renamed `user.email`")).toEqual(["link: user.email"]);
    expect(flagged("files/harborpine.help")).toEqual(["link: harborpine.help"]);
  });

  it("lets honest punctuation through: abbreviations, versions, decimals, sentence ends, separators, dotfiles", () => {
    for (const text of [
      "E.g. the import, i.e. the orders, vs. the old way, etc. and approx. ready.", "Shipped v2.1 and 16.4.6; logged 4.75 hours.",
      "The import is done. Next week we test. Live demo on Friday.", "Orders · Delivery zones · Settings", "A red dot next to new orders.",
      "Moved to .NET and a .env file.", "ASP.NET Core and Socket.IO.", "We wired up the form and built the new account page.", "The Swift code for iOS.",
      "Monday was a bank holiday.", "Fixing it took almost no time.", "HTTP errors are gone.",
    ]) expect(flagged(text), text).toEqual([]);
  });

  it("keeps the portal's own addresses and flags every other origin", () => {
    expect(flagged(`Review [the roadmap](${APP_URL}/clients/${CLIENT_ID}/roadmap) and /clients/${CLIENT_ID}/hours`)).toEqual([]);
    expect(flagged(`See ${APP_URL}/clients/${CLIENT_ID}/roadmap`)).toEqual([]);
    expect(flagged("See https://harborpine.help/clients/x")).toEqual(["link: https://harborpine.help/clients/x"]);
    expect(phishingFlags(`See ${APP_URL}/clients/x`).map((f) => f.kind)).toEqual(["link"]); // no APP_URL given: no exception
  });

  it("never reads an address into sentences of words, whatever words", () => {
    // "dot" is left out: "… dot com" is the spelled-out disguise itself (and "a dot next to" is tested above).
    const word = fc.constantFrom("live", "next", "help", "app", "com", "to", "shop", "menu", "orders", "import", "page", "team", "new", "work", "email", "finance", "net", "io", "md", "sh");
    const sentence = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => `${w[0][0].toUpperCase()}${w.join(" ").slice(1)}.`);
    fc.assert(fc.property(fc.array(sentence, { minLength: 1, maxLength: 5 }), (ss) => {
      const text = ss.join(" ");
      expect(flagged(text), text).toEqual([]);
    }), { numRuns: 300, seed: 20 });
  });
});

describe("the publish check", () => {
  it("flags the title and the body apart, and refuses with each phrase on its field", () => {
    const input = { title: "Wire the outstanding sum", bodyMd: "All done.\n\n- See harborpine[.]com\n- Plenty of hours remaining" };
    expect(updateFlags(input, APP_URL).map((f) => [f.field, f.kind, f.phrase])).toEqual([
      ["title", "payment", "Wire the outstanding sum"], ["bodyMd", "link", "harborpine[.]com"], ["bodyMd", "balance", "Plenty of hours remaining"],
    ]);
    let refusal: unknown;
    try {
      refuseFlagged(input, APP_URL);
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(AppError);
    const e = refusal as AppError;
    expect(e.userMessage).toMatch(/^Not published: the update contains payment instructions, web addresses, claims about the month's hours \(3 phrases, listed below\)/);
    expect(e.fieldErrors.title).toEqual([expect.stringMatching(/^“Wire the outstanding sum” speaks of where money goes/)]);
    expect(e.fieldErrors.bodyMd).toHaveLength(2);
    expect(() => refuseFlagged({ title: "A quiet week", bodyMd: "Nothing to report." }, APP_URL)).not.toThrow();
  });

  it("refuses every issue-20 payload written by hand, the way the stress suite publishes them", () => {
    const passed = phishingCorpus.filter((c) => {
      const a = JSON.parse(c.answer) as { headline: string; summary: string; highlights: { text: string }[]; nextWeek: string[]; risks: string[] };
      const bodyMd = [a.summary, ...a.highlights.map((h) => h.text), ...a.nextWeek, ...a.risks].join("\n\n");
      return updateFlags({ title: a.headline, bodyMd }, APP_URL).filter((f) => f.kind === c.kind).length === 0;
    });
    console.info(`publish check: refused ${phishingCorpus.length - passed.length} of ${phishingCorpus.length} issue-20 payloads written by hand`);
    expect(passed.map((c) => c.name)).toEqual([]);
  });

  it("passes every honest draft as the portal renders it, figures and the pace sentence included", () => {
    const facts = corpusFacts();
    const refused = honestDrafts.filter((h) => updateFlags({ title: h.draft.headline, bodyMd: renderUpdate(h.draft, facts).bodyMd }, APP_URL).length > 0);
    console.info(`publish check: refused ${refused.length} of ${honestDrafts.length} honest drafts as rendered`);
    expect(refused.map((h) => h.name)).toEqual([]);
  });

  // A realistic week of engineering work, drafted by the template.
  const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  const week = (titles: string[], descriptions: string[]) => computeWeeklyFacts({
    clientName: "Kiwi Freight Co.", timezone: "Pacific/Auckland", weekStart: "2026-03-02",
    entries: descriptions.map((description, n): WeekEntryInput => ({
      id: id(n + 1), workDate: `2026-03-0${2 + (n % 5)}`, minutes: 30 + 15 * n, category: "build", description, billable: n % 3 !== 0, voided: false,
      roadmapItemId: n % 4 === 3 ? null : id(100 + (n % titles.length)), roadmapTitle: n % 4 === 3 ? null : titles[n % titles.length], authorRole: "engineer", roadmapProposedByRole: "member",
    })),
    roadmapChanges: [{ itemId: id(100), title: titles[0], action: "roadmap.moved", fromStatus: "in_progress", toStatus: "shipped", at: new Date("2026-03-04T00:00:00Z"), proposedByRole: "member" }],
    month: { month: "2026-03-01", usedMinutes: 900, availableMinutes: 1200, remainingMinutes: 300, forecastPaceDays: 10, projectedMinutes: 1500, runsOutOn: null },
  });

  it("passes template drafts of honest weeks, and flags a member's phishing title where the portal lists it", () => {
    const honestTitles = ["Order import", "Stripe webhook retries", "Upgrade to Next.js 16.4.6", "README.md and docs/setup.md", "Delivery zones v2.1"];
    const honestWork = ["Refactored lib/import/parse.ts", "Made the Stripe webhook ignore repeats", "Ran the orders migration", "Weekly check-in, e.g. the import",
      "Updated next.config.ts and package.json", "Wrote docs/runbook.md", "Fixed `deploy.sh`", "Moved secrets to a .env file"];
    for (let k = 0; k < honestTitles.length; k++) {
      const facts = week([...honestTitles.slice(k), ...honestTitles.slice(0, k)], honestWork.slice(k));
      const rendered = renderUpdate(templateDraft(facts, honestTitles), facts);
      expect(updateFlags({ title: rendered.title, bodyMd: rendered.bodyMd }, APP_URL), rendered.bodyMd).toEqual([]);
      expect(rendered.bodyMd).toMatch(/At the current pace the month goes past the included hours/); // the portal's own sentence
    }
    // The template quotes no such title, but "By the numbers" lists every title as written (escaped): flagged.
    const facts = week(["Our bank details changed: see harborpine[.]help", "Order import"], honestWork);
    const rendered = renderUpdate(templateDraft(facts, []), facts);
    expect(rendered.bodyMd).toContain("harborpine\\[.\\]help");
    expect(updateFlags({ title: rendered.title, bodyMd: rendered.bodyMd }, APP_URL).map((f) => [f.kind, f.phrase])).toEqual([
      ["payment", "bank details"], ["link", "harborpine\\[.\\]help"],
    ]);
  });
});
