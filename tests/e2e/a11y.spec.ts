// Accessibility as a test: axe (WCAG 2.0/2.1 A and AA rules) on every page each demo role can open and on the
// signed-out pages, at a desktop and a phone width, with no violations (tests/e2e/pages.ts finds the pages).
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ROLES, pageFor, sweepAs, visitSignedOutPages, type Visit } from "./pages";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const WIDTHS = [1280, 390];

test.describe.configure({ mode: "parallel" });

/** Runs axe at each width (resizing the loaded page) and records every violation with the elements it hit. */
async function expectNoViolations(page: Page, visit: Visit) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
    // Legacy mode runs axe.run in the page itself: the pages have no iframes, and the default (runPartial, then
    // finishRun in a new blank page with axe injected again) takes twice as long per run. Only violations are
    // described in full (passes are counted, not detailed).
    const { violations } = await new AxeBuilder({ page }).withTags(TAGS).options({ resultTypes: ["violations"] }).setLegacyMode().analyze();
    const found = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(" ")} ${n.html.slice(0, 120)}`).join(" | ")}`);
    expect.soft(found, `axe violations on ${visit.name} at ${width} px`).toEqual([]);
  }
}

for (const who of ROLES) {
  test(`${who}: every page has no axe violations at ${WIDTHS.join(" and ")} px`, async ({ browser }) => {
    test.setTimeout(360_000); // sam sees every client, including those other specs create
    const page = await pageFor(browser, who, WIDTHS[0]);
    await sweepAs(who, page, (visit) => expectNoViolations(page, visit));
  });
}

test(`signed out: sign-in, invitation, no-access and 404 pages have no axe violations`, async ({ browser }) => {
  const visited = await visitSignedOutPages(browser, WIDTHS[0], expectNoViolations);
  expect(visited).toHaveLength(6);
});
