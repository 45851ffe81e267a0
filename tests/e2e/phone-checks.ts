// What every page must do at a phone's width (390 px), for the sweeps (all-pages.spec.ts): no sideways page scroll,
// every tab of a navigation reachable (the current one in view on load), chart text drawn at 11 px or more.
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";
import type { Visit } from "./pages";

export const PHONE = 390;

interface Offender { element: string; left: number; right: number; width: number }

/**
 * The page's scroll width against the viewport's, and the elements that stick out of the viewport without a
 * scrolling or clipping ancestor to hold them: the widest first, so a failure names what to fix.
 */
async function horizontalOverflow(page: Page) {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= innerWidth) return { scrollWidth, innerWidth, offenders: [] };
    const describe = (el: Element) => {
      const classes = [...el.classList].slice(0, 4).join(".");
      const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);
      return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${classes ? `.${classes}` : ""}>${text ? ` "${text}"` : ""}`;
    };
    // An element is held when an ancestor that clips or scrolls is on its chain of containing blocks (an
    // absolutely positioned one skips static ancestors: a scroll box that is not positioned does not hold it).
    const heldByAncestor = (el: Element) => {
      let escapes = getComputedStyle(el).position === "absolute";
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        const containing = !escapes || style.position !== "static" || style.transform !== "none";
        if (!containing) continue;
        if (style.overflowX !== "visible") return true;
        escapes = style.position === "absolute";
      }
      return false;
    };
    const offenders: { element: string; left: number; right: number; width: number }[] = [];
    for (const el of document.body.querySelectorAll("*")) {
      const box = el.getBoundingClientRect();
      // Only the right edge makes a page scroll sideways (what sticks out on the left is cut off).
      if (box.width === 0 || box.right <= innerWidth + 0.5) continue;
      if (getComputedStyle(el).position === "fixed" || heldByAncestor(el)) continue;
      offenders.push({ element: describe(el), left: Math.round(box.left), right: Math.round(box.right), width: Math.round(box.width) });
    }
    offenders.sort((a, b) => b.width - a.width);
    return { scrollWidth, innerWidth, offenders: offenders.slice(0, 3) };
  });
}

const explain = (offenders: Offender[]) =>
  offenders.map((o) => `${o.element} spans ${o.left}…${o.right} px (${o.width} px wide)`).join("; ") || "no single element found";

/**
 * Every navigation bar on the page shows its current link on load. The first time a bar is seen (the same bar
 * is on every page of a client), every one of its links can be brought into view inside it, and a bar whose
 * links overflow shows a cue on the side with more.
 */
export async function expectNavigationsReachable(page: Page, visit: Visit, walked: Set<string>) {
  const navs = page.getByRole("navigation");
  for (let n = 0; n < (await navs.count()); n++) {
    const nav = navs.nth(n);
    if (!(await nav.isVisible())) continue;
    const label = (await nav.getAttribute("aria-label")) ?? "";
    const name = `${visit.name}: ${label} navigation`;
    const current = nav.locator("a[aria-current='page']");
    if (await current.count()) {
      await expect.poll(() => withinBar(nav, current), { message: `${name}: the current tab is in view on load` }).toBe(true);
    }
    if (walked.has(label)) continue;
    walked.add(label);
    const scrolls = await nav.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
    if (scrolls) {
      const cue = (side: "start" | "end") => nav.locator("xpath=..").locator(`[data-scroll-cue="${side}"]`);
      await nav.evaluate((el) => el.scrollTo({ left: 0 }));
      await expect.soft(cue("end"), `${name}: tabs that overflow show a cue at the end`).toBeVisible();
      await expect.soft(cue("start"), `${name}: no cue at the start when scrolled to it`).toBeHidden();
      await nav.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
      await expect.soft(cue("start"), `${name}: scrolled to the end, a cue at the start`).toBeVisible();
      await expect.soft(cue("end"), `${name}: no cue at the end when scrolled to it`).toBeHidden();
    }
    const links = nav.getByRole("link");
    for (let i = 0; i < (await links.count()); i++) {
      const link = links.nth(i);
      await link.scrollIntoViewIfNeeded();
      await expect.soft(link, `${name}: "${await link.textContent()}" is reachable`).toBeVisible();
      expect.soft(await withinBar(nav, link), `${name}: "${await link.textContent()}" scrolls fully into view at ${PHONE} px`).toBe(true);
    }
  }
}

/** The link lies inside its navigation bar's visible box and inside the viewport. */
async function withinBar(nav: ReturnType<Page["locator"]>, link: ReturnType<Page["locator"]>) {
  const bar = await nav.boundingBox();
  const box = await link.boundingBox();
  if (!bar || !box) return false;
  return box.x >= bar.x - 1 && box.x + box.width <= bar.x + bar.width + 1 && box.x >= -1 && box.x + box.width <= PHONE + 1;
}

export async function expectFitsPhone(page: Page, visit: Visit) {
  const { scrollWidth, innerWidth, offenders } = await horizontalOverflow(page);
  expect.soft(scrollWidth, `${visit.name} scrolls sideways at ${innerWidth} px: ${explain(offenders)}`).toBeLessThanOrEqual(innerWidth);
}

/** Text in a chart (HTML over it, or SVG text scaled with its drawing) is drawn at 11 px or more. */
export async function expectReadableCharts(page: Page, visit: Visit) {
  const sizes = await page.locator("figure:has(svg[role='img'])").evaluateAll((figures) =>
    figures.flatMap((figure) => {
      const svg = figure.querySelector("svg")!;
      const scale = svg.getBoundingClientRect().width / (svg.viewBox.baseVal?.width || svg.getBoundingClientRect().width);
      const texts = [...figure.querySelectorAll("text, span, figcaption")].filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()));
      return texts.map((el) => {
        const px = parseFloat(getComputedStyle(el).fontSize) * (el instanceof SVGElement ? scale : 1);
        return { text: el.textContent!.trim(), px: Math.round(px * 10) / 10 };
      });
    }),
  );
  for (const { text, px } of sizes) expect.soft(px, `${visit.name}: chart text "${text}" is drawn at ${px} px`).toBeGreaterThanOrEqual(11);
  return sizes.length;
}
