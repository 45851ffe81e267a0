// The demo's Activity page has what its data did (issue 28, item 19): the seeded hours and the published
// update appear under their filters, as the real actions record them.
import { expect, test } from "./fixtures";
import { CLIENTS, pageAs } from "./helpers";

test("the demo clients' Hours and Updates filters show the seeded work", async ({ browser }) => {
  const olivia = await pageAs(browser, "olivia");
  await olivia.goto(`/clients/${CLIENTS.harbor}/activity?kind=entry`);
  await expect(olivia.getByRole("navigation", { name: "Filter activity" }).getByRole("link", { name: "Hours" })).toHaveAttribute("aria-current", "page");
  await expect(olivia.getByText("Nothing here yet")).toHaveCount(0);
  await expect(olivia.getByText(/logged \d+[hm].* on .+: “.+”/).first()).toBeVisible();

  await olivia.goto(`/clients/${CLIENTS.harbor}/activity?kind=update`);
  await expect(olivia.getByText(/published the weekly update “.+”/)).toBeVisible();
  await expect(olivia.getByText("drafted a weekly update")).toBeVisible();

  const aroha = await pageAs(browser, "aroha");
  await aroha.goto(`/clients/${CLIENTS.kiwi}/activity?kind=entry`);
  await expect(aroha.getByText(/logged \d+[hm]/).first()).toBeVisible();
});
