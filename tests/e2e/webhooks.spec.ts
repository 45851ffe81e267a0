// Issue 22: an admin adds a webhook endpoint, an owner's change reaches it signed, the delivery log says so,
// and the admin removes the endpoint.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHmac } from "node:crypto";
import { expect, test } from "./fixtures";
import { CLIENTS, pageAs } from "./helpers";
import { axeOn } from "./axe";

test("an admin's endpoint receives an owner's proposal, signed, and the delivery log shows it", async ({ browser }) => {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  try {
    const sam = await pageAs(browser, "sam");
    await sam.goto("/settings");
    await sam.getByRole("link", { name: "webhooks" }).click();
    await expect(sam.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
    const form = sam.getByRole("form", { name: "Add a webhook endpoint" });
    await form.getByLabel("URL").fill("https://10.0.0.5/hook");
    await form.getByLabel("roadmap.proposed").check();
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await expect(form.getByText(/private or reserved address/).first()).toBeVisible();
    await form.getByLabel("URL").fill(url);
    await form.getByLabel("What it is (optional)").fill("e2e receiver");
    await form.getByLabel("roadmap.proposed").check();
    await form.getByRole("button", { name: "Add endpoint" }).click();
    const secret = (await form.getByLabel("Signing secret").textContent())!;
    expect(secret).toMatch(/^whsec_/);
    await expect(sam.getByRole("list", { name: "Endpoints" }).getByText(url, { exact: true })).toBeVisible();

    const olivia = await pageAs(browser, "olivia");
    await olivia.goto(`/clients/${CLIENTS.harbor}/roadmap`);
    const title = `Webhook idea ${Date.now()}`;
    await olivia.getByText("+ Propose an idea").click();
    const propose = olivia.getByRole("form", { name: "Propose a roadmap item" });
    await propose.getByLabel("Title").fill(title);
    await propose.getByRole("button", { name: /Propose/ }).click();
    await expect.poll(() => received.find((r) => r.body.includes(title)), { timeout: 15_000 }).toBeTruthy();
    const hit = received.find((r) => r.body.includes(title))!;
    const payload = JSON.parse(hit.body);
    expect(payload).toMatchObject({ type: "roadmap.proposed", client_id: CLIENTS.harbor });
    const [t, v1] = String(hit.headers["webhook-signature"]).split(",").map((p) => p.split("=")[1]);
    expect(v1).toBe(createHmac("sha256", secret).update(`${t}.${hit.body}`).digest("hex"));

    await sam.reload();
    const log = sam.getByRole("list", { name: "Recent deliveries" });
    await expect(log.getByText("roadmap.proposed").first()).toBeVisible();
    await expect(log.getByText("delivered").first()).toBeVisible();
    for (const width of [1280, 390]) {
      await sam.setViewportSize({ width, height: 900 });
      const { violations } = await axeOn(sam).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).setLegacyMode().analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `axe at ${width} px`).toEqual([]);
    }
    await sam.setViewportSize({ width: 1280, height: 900 });
    const endpoints = sam.getByRole("list", { name: "Endpoints" });
    await endpoints.locator("summary", { hasText: "Remove…" }).and(endpoints.getByLabel(`Remove ${url}`, { exact: true })).click();
    await sam.getByRole("button", { name: "Remove endpoint" }).click();
    await expect(endpoints.getByText(url, { exact: true })).toHaveCount(0);
  } finally {
    receiver.closeAllConnections();
    receiver.close();
  }
});
