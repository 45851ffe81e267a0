// Screenshots of rendered emails, as a mail client about as wide as a desktop reading pane (600 px) and a
// phone (390 px) shows them, for a person to look at. Render them first:
//   MAIL_PREVIEW_DIR=/tmp/mail-preview npx vitest run --project unit tests/unit/mail-templates.test.ts
//   node --import tsx tests/support/mail-screens.ts /tmp/mail-preview
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { chromiumLaunch } from "./chromium";

const dir = process.argv[2] ?? "/tmp/mail-preview";
const browser = await chromium.launch(chromiumLaunch);
try {
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".html")).sort()) {
    for (const width of [600, 390]) {
      // JavaScript off, as in every mail client.
      const page = await browser.newPage({ viewport: { width, height: 800 }, javaScriptEnabled: false });
      await page.goto(`file://${path.resolve(dir, file)}`);
      const out = path.join(dir, `${file.replace(/\.html$/, "")}-${width}.png`);
      await page.screenshot({ path: out, fullPage: true });
      await page.close();
      process.stdout.write(`${out}\n`);
    }
  }
} finally {
  await browser.close();
}
