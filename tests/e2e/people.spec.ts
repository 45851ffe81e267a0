// A client's People card (issue 28, item 8): staff invite, resend (a fresh link; the old one dies), change a
// role and remove someone behind a confirmation, with a notice after; the last owner's controls are disabled
// and say why; every row's buttons carry the person's name.
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { CLIENTS, pageAs } from "./helpers";

const HARBOR = "Harbor & Pine Bakery";

async function links(page: Page, email: string): Promise<string[]> {
  const mailbox = await page.context().newPage();
  await mailbox.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  const bodies = await mailbox.getByRole("article").allTextContents(); // newest first
  await mailbox.close();
  return bodies.map((b) => /(http:\/\/\S+\/invite\/\S+)/.exec(b)![1]);
}

const bottom = async (l: Locator) => {
  const box = (await l.boundingBox())!;
  return box.y + box.height;
};

test("staff invite, resend, promote and remove a person of the client, each confirmed and told", async ({ browser }) => {
  const sam = await pageAs(browser, "sam");
  const email = `helper-${Date.now()}@harborpine.test`;
  await sam.goto(`/clients/${CLIENTS.harbor}/settings`);
  const people = sam.getByRole("list", { name: `People of ${HARBOR}` });

  // Olivia is the only owner: her controls are disabled and say why.
  const olivia = people.getByRole("listitem", { name: "Olivia Chen" });
  await expect(olivia.getByText("Only owner", { exact: true })).toBeVisible();
  await expect(olivia.getByRole("button", { name: "Remove Olivia Chen" })).toBeDisabled();
  await expect(olivia.getByRole("button", { name: "Change role of Olivia Chen" })).toBeDisabled();
  await expect(olivia.getByText("Olivia Chen is the only owner of Harbor & Pine Bakery. Make someone else an owner first")).toBeVisible();

  // Inviting: the notice sits above the fields, which stay on one line (it squeezed them out of line before).
  const form = sam.getByRole("form", { name: "Invite someone" });
  await form.getByLabel("Invite by email").fill(email);
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(form.getByRole("status")).toHaveText(`Invitation sent to ${email}.`);
  const [field, role, send] = [form.getByLabel("Invite by email"), form.getByLabel("Role"), form.getByRole("button", { name: "Send invitation" })];
  expect(Math.abs((await bottom(field)) - (await bottom(send)))).toBeLessThan(3);
  expect(Math.abs((await bottom(role)) - (await bottom(send)))).toBeLessThan(3);
  expect((await form.getByRole("status").boundingBox())!.width).toBeGreaterThan((await field.boundingBox())!.width);

  // Resend: a fresh link; the first one no longer works.
  const pending = sam.getByRole("listitem", { name: `Invitation to ${email}` });
  await expect(pending.getByRole("button", { name: `Withdraw the invitation to ${email}` })).toBeVisible();
  await pending.getByRole("button", { name: `Resend the invitation to ${email}` }).click();
  await expect(sam.getByRole("status").filter({ hasText: `Invitation sent again to ${email}; the earlier link no longer works.` })).toBeVisible();
  const [fresh, old] = await links(sam, email);
  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(old);
  await expect(invitee.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await invitee.goto(fresh);
  await invitee.getByRole("button", { name: "Accept and sign in" }).click();
  await expect(invitee).toHaveURL(new RegExp(`/clients/${CLIENTS.harbor}$`));

  // Promote, behind a confirmation that says what changes.
  await sam.reload();
  const person = people.getByRole("listitem", { name: email });
  await expect(person.getByText("Member", { exact: true })).toBeVisible();
  await person.getByText("Change role…").click();
  await expect(person.getByText(`${email} becomes an owner of ${HARBOR}: they also see invoices`)).toBeVisible();
  await person.getByRole("button", { name: `Make ${email} an owner` }).click();
  await expect(sam.getByRole("status").filter({ hasText: `${email} is now an owner of ${HARBOR}.` })).toBeVisible();
  await expect(people.getByRole("listitem", { name: email }).getByText("Owner", { exact: true })).toBeVisible();
  await expect(olivia.getByText("Only owner", { exact: true })).toHaveCount(0);
  await expect(olivia.getByRole("button", { name: "Remove Olivia Chen" })).toHaveCount(0); // a disclosure now, not a disabled button

  // Remove, behind a confirmation; the row goes and the card says so; their session ends.
  await people.getByRole("listitem", { name: email }).getByText("Remove…").click();
  await people.getByRole("button", { name: `Remove ${email} from ${HARBOR}` }).click();
  await expect(sam.getByRole("status").filter({ hasText: `${email} no longer has access to ${HARBOR}.` })).toBeVisible();
  await expect(people.getByRole("listitem", { name: email })).toHaveCount(0);
  await expect(olivia.getByText("Only owner", { exact: true })).toBeVisible();
  await invitee.goto(`/clients/${CLIENTS.harbor}`);
  await expect(invitee).toHaveURL(/\/login/);

  await sam.goto(`/clients/${CLIENTS.harbor}/activity?kind=member`);
  await expect(sam.getByText(`removed ${email} (owner)`)).toBeVisible();
  await expect(sam.getByText(`made ${email} an owner`)).toBeVisible();
  await expect(sam.getByText(`sent the invitation to ${email} again (as member)`)).toBeVisible();
});

test("owners see their people and no controls", async ({ browser }) => {
  const olivia = await pageAs(browser, "olivia");
  await olivia.goto(`/clients/${CLIENTS.harbor}/settings`);
  const people = olivia.getByRole("list", { name: `People of ${HARBOR}` });
  await expect(people.getByRole("listitem", { name: "Marco Diaz" })).toBeVisible();
  await expect(people.getByRole("listitem", { name: "Olivia Chen" })).toContainText("(you)");
  await expect(olivia.getByText("Change role…")).toHaveCount(0);
  await expect(olivia.getByText("Remove…")).toHaveCount(0);
  await expect(olivia.getByRole("form", { name: "Invite someone" })).toHaveCount(0);
});
