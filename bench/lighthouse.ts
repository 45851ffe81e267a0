// Lighthouse (performance and accessibility, mobile and desktop) on the dashboard, ledger, roadmap and updates
// pages, in Debian's Chromium, headless (CHROMIUM_PATH to use another).
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { keep, record } from "./report";
import { BASE } from "./settings";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function measureLighthouse(cookie: string, clientId: string) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  const scores: Record<string, { performance: number; accessibility: number; formFactor: string }> = {};
  try {
    const pages = { dashboard: "", ledger: "/hours", roadmap: "/roadmap", updates: "/updates" };
    for (const [formFactor, config] of [["mobile", undefined], ["desktop", desktopConfig]] as const) {
      for (const [name, suffix] of Object.entries(pages)) {
        const result = await lighthouse(`${BASE}/clients/${clientId}${suffix}`, {
          port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"], extraHeaders: { cookie },
        }, config);
        const lhr = result!.lhr;
        const performance = Math.round((lhr.categories.performance.score ?? 0) * 100);
        const accessibility = Math.round((lhr.categories.accessibility.score ?? 0) * 100);
        scores[`${name}_${formFactor}`] = { performance, accessibility, formFactor };
        const failing = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1 && lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id && r.weight > 0));
        record(`Lighthouse ${name} (${formFactor})`, `performance ${performance}, accessibility ${accessibility}${failing.length ? ` (failing: ${failing.map((a) => a.id).join(", ")})` : ""}`,
          { target: "≥ 95 / 100", met: performance >= 95 && accessibility === 100 });
      }
    }
  } finally {
    chrome.kill();
  }
  keep("lighthouse", scores);
}
