// Every page each demo role can open, and the signed-out pages, held to two rules in one visit (tests/e2e/pages.ts
// finds the pages): accessibility, as axe (WCAG 2.0/2.1 A and AA rules) at a phone's width and at a desktop's with no
// violations; and the phone (390 px, phone-checks.ts): no sideways page scroll, every tab of a navigation reachable
// with the current one in view on load, chart text drawn at 11 px or more. Each page is loaded at 390 px, checked
// there, then widened to 1280 px for axe again; the next page loads at 390 px once more. (Named to sort first: its
// sweeps are the run's longest tests, so they start while the other workers take the short journeys.)
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectFitsPhone, expectNavigationsReachable, expectReadableCharts, PHONE } from "./phone-checks";
import { ROLES, pageFor, sweepAs, visitSignedOutPages, type Visit } from "./pages";
import { AXE_PATH, axeOn } from "./axe";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const DESKTOP = 1280;
const viewport = (width: number) => ({ width, height: width < 600 ? 844 : 900 });

interface AxeViolation { id: string; impact: string; help: string; nodes: { target: string[]; html: string }[] }

const describe = (violations: AxeViolation[]) =>
  violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(" ")} ${n.html.slice(0, 120)}`).join(" | ")}`);

test.describe.configure({ mode: "parallel" });

/**
 * Runs axe on the signed-out pages as they are and records every violation with the elements it hit. Legacy mode runs
 * axe.run in the page itself: the pages have no iframes, and the default (runPartial, then finishRun in a new blank
 * page with axe injected again) takes twice as long per run. Only violations are described in full.
 */
async function expectNoViolations(page: Page, visit: Visit, width: number) {
  const { violations } = await axeOn(page).withTags(TAGS).options({ resultTypes: ["violations"] }).setLegacyMode().analyze();
  expect.soft(describe(violations as AxeViolation[]), `axe violations on ${visit.name} at ${width} px`).toEqual([]);
}

/**
 * The same rules on a role's page, with axe already in it (the sweep's context loads it into every document): one
 * axe.run per width, without AxeBuilder sending axe's 500 kB source into the page before each run (measured on
 * this machine: 570 and 470 ms a run through AxeBuilder, 150 ms as axe.run).
 */
async function expectNoViolationsLoaded(page: Page, visit: Visit, width: number) {
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const { violations } = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })) }));
  }, TAGS);
  expect.soft(describe(violations), `axe violations on ${visit.name} at ${width} px`).toEqual([]);
}

for (const who of ROLES) {
  test(`${who}: every page has no axe violations at ${PHONE} and ${DESKTOP} px, fits ${PHONE} px and has every tab reachable`, async ({ browser }) => {
    test.setTimeout(420_000); // sam sees every client
    const page = await pageFor(browser, who, PHONE);
    await page.context().addInitScript({ path: AXE_PATH }); // axe in every document, before the page's own scripts
    let chartTexts = 0;
    const walked = new Set<string>();
    await sweepAs(who, page, async (visit) => {
      await expectFitsPhone(page, visit);
      await expectNavigationsReachable(page, visit, walked);
      chartTexts += await expectReadableCharts(page, visit);
      await expectNoViolationsLoaded(page, visit, PHONE);
      await page.setViewportSize(viewport(DESKTOP));
      await expectNoViolationsLoaded(page, visit, DESKTOP);
      await page.setViewportSize(viewport(PHONE)); // the next page loads at a phone's width
    });
    expect(chartTexts, "the burn-up chart's labels were measured").toBeGreaterThan(0);
  });
}

test("signed out: sign-in, invitation, no-access and 404 pages have no axe violations and fit 390 px", async ({ browser }) => {
  const visited = await visitSignedOutPages(browser, PHONE, async (page, visit) => {
    await expectFitsPhone(page, visit);
    await expectNoViolations(page, visit, PHONE);
    await page.setViewportSize(viewport(DESKTOP));
    await expectNoViolations(page, visit, DESKTOP);
    await page.setViewportSize(viewport(PHONE));
  });
  expect(visited.map((v) => v.name)).toEqual(["/login", "/login/verify", "/invite/:token (expired)", "404 (signed out)", "/login/verify (a code sent)", "/no-access"]);
});
