// axe-core for every accessibility check of the e2e specs: 4.14.1, which also checks that a control's accessible name
// holds the label it shows (WCAG 2.5.3, Label in Name), put into the page by @axe-core/playwright 4.13.0 (its last
// release for Node 20, which would otherwise inject the axe-core 4.13 it ships with).
import fs from "node:fs";
import { createRequire } from "node:module";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/** axe-core's script, for a context that loads it into every document itself (all-pages.spec). */
export const AXE_PATH = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const AXE_SOURCE = fs.readFileSync(AXE_PATH, "utf8");

/** An AxeBuilder for `page` that injects this axe-core. */
export const axeOn = (page: Page) => new AxeBuilder({ page, axeSource: AXE_SOURCE });
