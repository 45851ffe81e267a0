// The weekly-update check against a corpus of adversarial model answers (tests/unit/draft-corpus.ts), the
// template held to the same rules over random facts, and the Markdown renderer's link rule.
import { renderToStaticMarkup } from "react-dom/server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/ui/markdown";
import { checkDraft } from "@/lib/updates/draft-schema";
import { renderUpdate, templateDraft } from "@/lib/updates/render";
import { computeWeeklyFacts, type WeekEntryInput } from "@/lib/domain/weekly";
import { APP_URL, CLIENT_ID, corpus, corpusFacts, goodDraft, honestDrafts, INJECTED, ISSUE_20 } from "./draft-corpus";

// Markdown is a plain function component (no hooks): its element tree renders as is.
const html = (md: string, links?: "portal" | "any") => renderToStaticMarkup(Markdown({ children: md, links }));
/** Every href in rendered HTML. */
const hrefs = (markup: string) => [...markup.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);

describe("the corpus", () => {
  it("holds at least 50 adversarial answers, the four of issue 14 among them", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    const answers = corpus.map((c) => c.answer).join("\n");
    for (const verbatim of [
      "this month is free of charge, you owe nothing and there will be no invoice",
      "We used 2026 hours and 15 hours remain; your bill is 10 dollars",
      "about forty hours … a hundred hours left",
      "[Pay your invoice here](https://evil.example/pay)",
    ]) expect(answers).toContain(JSON.stringify(verbatim).slice(1, -1));
    // The facts carry injections: in an entry description and in roadmap titles.
    const facts = JSON.stringify(corpusFacts());
    for (const injected of Object.values(INJECTED)) expect(facts).toContain(JSON.stringify(injected).slice(1, -1));
  });

  it("holds at least 150 adversarial answers, issue 20's payloads among them, and at least 50 honest ones", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    expect(honestDrafts.length).toBeGreaterThanOrEqual(50);
    const answers = corpus.map((c) => JSON.parse(c.answer.startsWith("{") ? c.answer : "{}") as Record<string, unknown>).map((a) => JSON.stringify(a)).join("\n");
    for (const verbatim of Object.values(ISSUE_20)) expect(answers).toContain(JSON.stringify(verbatim).slice(1, -1));
    // The kinds issue 20 found passing, each present several times over.
    for (const kind of ["link", "payment", "balance"] as const) expect(corpus.filter((c) => c.kind === kind).length, kind).toBeGreaterThanOrEqual(15);
  });

  it("refuses every adversarial answer meant to be refused and no honest one (the figures)", () => {
    const facts = corpusFacts();
    const meant = corpus.filter((c) => c.outcome === "refused");
    const refusedAdversarial = meant.filter((c) => !checkDraft(c.answer, facts, { appUrl: APP_URL }).ok).length;
    const neutralizedKept = corpus.filter((c) => c.outcome === "neutralized" && checkDraft(c.answer, facts, { appUrl: APP_URL }).ok).length;
    const refusedHonest = honestDrafts.filter((h) => !checkDraft(JSON.stringify(h.draft), facts, { appUrl: APP_URL }).ok);
    console.info(`draft check: refused ${refusedAdversarial} of ${meant.length} adversarial answers (and neutralized ${neutralizedKept} of ${corpus.length - meant.length}); ` +
      `refused ${refusedHonest.length} of ${honestDrafts.length} honest drafts`);
    expect(refusedAdversarial).toBe(meant.length);
    expect(neutralizedKept).toBe(corpus.length - meant.length);
    expect(refusedHonest.map((h) => h.name)).toEqual([]);
  });

  for (const h of honestDrafts) {
    it(`honest, kept as written: ${h.name}`, () => {
      expect(checkDraft(JSON.stringify(h.draft), corpusFacts(), { appUrl: APP_URL })).toEqual({ ok: true, draft: h.draft, neutralized: [] });
    });
  }

  it("the good answer passes as written", () => {
    const checked = checkDraft(JSON.stringify(goodDraft()), corpusFacts(), { appUrl: APP_URL });
    expect(checked).toEqual({ ok: true, draft: goodDraft(), neutralized: [] });
  });

  for (const c of corpus) {
    it(`${c.outcome}: ${c.name}`, () => {
      const checked = checkDraft(c.answer, corpusFacts(), { appUrl: APP_URL });
      if (c.outcome === "refused") {
        expect(checked.ok, JSON.stringify(checked)).toBe(false);
        if (!checked.ok && c.kind) expect(checked.problems.map((p) => p.kind), JSON.stringify(checked.problems)).toContain(c.kind);
        return;
      }
      expect(checked.ok, JSON.stringify(checked)).toBe(true);
      if (!checked.ok) return;
      expect(checked.neutralized.length).toBeGreaterThan(0);
      const saved = JSON.stringify(checked.draft);
      for (const a of c.absent ?? []) expect(saved).not.toContain(a);
      // Rendered as the owner sees it: no live link but the portal's own.
      const body = renderUpdate(checked.draft, corpusFacts()).bodyMd;
      for (const href of hrefs(html(body))) expect(new URL(href, "https://portal.test").origin, href).toBe("https://portal.test");
    });
  }

  it("keeps a relative link to the portal live, and turns the APP_URL form into it", () => {
    const path = `/clients/${CLIENT_ID}/roadmap`;
    for (const href of [path, `${APP_URL}${path}`]) {
      const checked = checkDraft(JSON.stringify({ ...goodDraft(), nextWeek: [`Review [the roadmap](${href}) together`] }), corpusFacts(), { appUrl: APP_URL });
      expect(checked.ok && checked.draft.nextWeek).toEqual([`Review [the roadmap](${path}) together`]);
      expect(hrefs(html(renderUpdate(checked.ok ? checked.draft : goodDraft(), corpusFacts()).bodyMd))).toEqual([path]);
    }
  });

  it("lets ordinary words through: one of, feel free, error-free, in charge, paying attention, due to", () => {
    const summary = "One of the fixes was error-free from the start; the engineer in charge kept paying attention to the details, due to the busy week. Feel free to ask about any of it.";
    expect(checkDraft(JSON.stringify({ ...goodDraft(), summary }), corpusFacts())).toMatchObject({ ok: true, neutralized: [] });
  });

  it("allows the week's own figures, each in its unit", () => {
    for (const summary of ["We logged 4.75 hours over 4 entries.", "We logged 4h 45m.", "The import took 2h 30m.", "Ten hours of the month are used.", "Half an hour went into support."]) {
      expect(checkDraft(JSON.stringify({ ...goodDraft(), summary }), corpusFacts()).ok, summary).toBe(true);
    }
  });
});

describe("the template", () => {
  it("passes the check as written for the corpus week, quoting none of its injections", () => {
    const facts = corpusFacts();
    const draft = templateDraft(facts, [INJECTED.movedTitle, "Delivery zones"]);
    expect(checkDraft(JSON.stringify(draft), facts)).toEqual({ ok: true, draft, neutralized: [] });
    const words = JSON.stringify(draft);
    for (const injected of Object.values(INJECTED)) expect(words).not.toContain(injected);
    expect(draft.headline).toBe("Progress on Order import");
    expect(draft.highlights[0]).toEqual({ text: "Order import: Built the order import", entryIds: [facts.entries[0].id, facts.entries[3].id] });
    expect(draft.nextWeek).toEqual(["Continue with Delivery zones."]);
  });

  // People's words drawn from what attackers and ordinary people type, and from random strings.
  const WORDS = ["Order import", "Delivery zones", "Fixed the login page", "Weekly check-in", "Phase 2 rollout", "Invoice export", "Free shipping banner",
    INJECTED.description, INJECTED.title, INJECTED.movedTitle, INJECTED.link, "see https://evil.example", "# Heading", "line one\nline two",
    "a <b>bold</b> move", "fr\u200bee", "\u202Eeerf", "Upgraded to Node 20", "one of those days", "x".repeat(450), " padded "];
  const text = fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 60 }), fc.string({ unit: "grapheme", maxLength: 30 }));
  const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  const facts = fc.record({
    entries: fc.array(fc.record({
      day: fc.integer({ min: 0, max: 6 }), minutes: fc.integer({ min: 1, max: 600 }), description: text, item: fc.option(fc.integer({ min: 0, max: 4 })),
      category: fc.constantFrom("build", "meeting", "support"), billable: fc.boolean(),
    }), { maxLength: 40 }),
    titles: fc.array(text, { minLength: 5, maxLength: 5 }),
    shipped: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }),
    month: fc.option(fc.record({ used: fc.integer({ min: 0, max: 6000 }), available: fc.integer({ min: 0, max: 6000 }), projected: fc.integer({ min: 0, max: 9000 }) })),
    open: fc.array(text, { maxLength: 5 }),
  }).map((r) => ({
    open: r.open,
    facts: computeWeeklyFacts({
      clientName: "Client 7", timezone: "UTC", weekStart: "2026-03-02",
      entries: r.entries.map((e, n): WeekEntryInput => ({
        id: id(n + 1), workDate: `2026-03-0${2 + e.day}`, minutes: e.minutes, category: e.category, description: e.description, billable: e.billable, voided: false,
        roadmapItemId: e.item === null ? null : id(100 + e.item), roadmapTitle: e.item === null ? null : r.titles[e.item],
      })),
      roadmapChanges: r.shipped.map((k) => ({ itemId: id(100 + k), title: r.titles[k], action: "roadmap.moved", fromStatus: "in_progress", toStatus: "shipped", at: new Date("2026-03-04T12:00:00Z") })),
      month: r.month && { month: "2026-03-01", usedMinutes: r.month.used, availableMinutes: r.month.available, remainingMinutes: r.month.available - r.month.used, forecastPaceDays: 10, projectedMinutes: r.month.projected, runsOutOn: null },
    }),
  }));

  it("passes the check as written over random facts, and renders no live link", () => {
    fc.assert(fc.property(facts, ({ facts: f, open }) => {
      const draft = templateDraft(f, open);
      const checked = checkDraft(JSON.stringify(draft), f);
      expect(checked, JSON.stringify(checked)).toEqual({ ok: true, draft, neutralized: [] });
      expect(hrefs(html(renderUpdate(draft, f).bodyMd))).toEqual([]);
    }), { numRuns: 200, seed: 14 });
  }, 30_000); // ~2 s alone; the whole unit project shares two cores
});

describe("the Markdown renderer", () => {
  it("renders links to other sites, bare addresses, HTML and images as text; portal links stay live", () => {
    const md = [
      "[Pay your invoice here](https://evil.example/pay)", "https://evil.example/bare", "www.evil.example", "<https://evil.example/auto>", "mail help@evil.example",
      "[p](//evil.example/x)", "[b](/\\evil.example)", "[j](javascript:alert(1))", '<a href="https://evil.example/html">html</a>', "![pixel](https://evil.example/p.png)",
      "[ref][x]\n\n[x]: https://evil.example/ref", `[roadmap](/clients/${CLIENT_ID}/roadmap)`,
    ].join("\n\n");
    const out = html(md);
    // Every live link stays on the portal's origin ("/\\evil.example" is encoded to the harmless "/%5Cevil.example").
    for (const href of hrefs(out)) expect(new URL(href, "https://portal.test").origin, href).toBe("https://portal.test");
    expect(hrefs(out)).toContain(`/clients/${CLIENT_ID}/roadmap`);
    expect(out).not.toContain("href=\"https://");
    expect(out).toContain("Pay your invoice here");
    expect(out).not.toContain("<img");
    expect(out).not.toMatch(/<a [^>]*target/); // portal links open in place
  });

  it("keeps external links live only where a page opts in", () => {
    expect(hrefs(html("[docs](https://example.com/docs)", "any"))).toEqual(["https://example.com/docs"]);
    expect(hrefs(html("[j](javascript:alert(1))", "any"))).toEqual([]);
  });
});
