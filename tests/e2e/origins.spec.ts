// Issue 20, items 3 and 6, on the production build. A form on another site that posts to the portal gets 403
// with a sentence and nothing is sent; the build under plain `next start`, which cannot know a caller's IP,
// refuses to start and names the fixes, while `npm run serve` of the same build starts.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";

/** The id of a server action in this build, by its exported name. */
function actionId(name: string): string {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { exportedName: string }> };
  const id = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === name)?.[0];
  if (!id) throw new Error(`no action ${name} in the build`);
  return id;
}

test("a sign-in form on another site that posts to the portal gets 403 with a sentence, and no code is sent", async ({ page, baseURL }) => {
  const BASE_URL = baseURL!;
  const email = `csrf-${Date.now()}@example.test`;
  await page.route("http://evil.example/", (route) => route.fulfill({
    contentType: "text/html",
    body: `<form method="post" action="${BASE_URL}/login" enctype="multipart/form-data">
      <input type="hidden" name="$ACTION_ID_${actionId("requestCodeAction")}" value="">
      <input name="email" value="${email}"><button>Send</button></form>`,
  }));
  await page.goto("http://evil.example/");
  const [response] = await Promise.all([page.waitForResponse(`${BASE_URL}/login`), page.getByRole("button", { name: "Send" }).click()]);
  expect(response.status()).toBe(403);
  await expect(page.locator("body")).toHaveText(
    `This request came from http://evil.example, not from the portal at ${BASE_URL}, so it was refused and nothing was changed. Open the portal at ${BASE_URL} and try again.`,
  );
  await page.goto(`${BASE_URL}/dev/mailbox?to=${encodeURIComponent(email)}`);
  await expect(page.getByRole("main")).toBeVisible();
  await expect(page.getByRole("article")).toHaveCount(0);
});

/** Starts the build one way and collects what it prints; `stop` ends it (by its pid) and waits. */
function start(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

test("the production build refuses to start under plain `next start` without TRUSTED_PROXY, and starts under `npm run serve`", async () => {
  test.setTimeout(120_000);
  const port = Number(process.env.E2E_PORT ?? 3100) + 45; // beside the e2e server (playwright.config.ts)
  // A production environment with local sign-in and no proxy settings; no database is needed to start.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", LOG_LEVEL: "warn",
    DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", SESSION_SECRET: "s".repeat(40), APP_URL: `http://localhost:${port}` };

  const plain = start([path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)], env);
  const code = await Promise.race([plain.exited, new Promise<"running">((r) => setTimeout(() => r("running"), 60_000))]);
  if (code === "running") await plain.stop();
  expect(code).not.toBe("running");
  expect(code).not.toBe(0);
  expect(plain.output()).toContain("Refusing to start: this server cannot know its callers' IP addresses");
  expect(plain.output()).toContain("`npm run serve`");
  expect(plain.output()).toContain("set TRUSTED_PROXY to the number of proxies in front (1-5), or TRUSTED_PROXY=vercel on Vercel");

  // `npm run serve` is `NODE_ENV=production node lib/platform/server.mjs`.
  const serve = start([path.join("lib", "platform", "server.mjs"), "-p", String(port + 1)], env);
  try {
    await expect.poll(() => fetch(`http://localhost:${port + 1}/icon.svg`).then((r) => r.status).catch(() => 0), { timeout: 60_000 }).toBe(200);
    expect(serve.output()).not.toContain("Refusing to start");
  } finally {
    await serve.stop();
  }
});
