import { expect, test } from "./fixtures";
import { pageAs, turnOnTwoStep } from "./helpers";

// The demo admin (sam) is the practice's only admin: this spec never demotes or removes him, and it puts the
// person it promotes back, so other specs see the demo practice as seeded.
test("an admin invites an engineer, who accepts from the email; the admin assigns a client, changes a role and removes them", async ({ browser }) => {
  // Several browsers and mailed links in one journey: 30 s ran out under a full run on 2 cores.
  const admin = await pageAs(browser, "sam");
  await admin.goto("/engineer");
  await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff" }).click();
  await expect(admin).toHaveURL(/\/staff$/);
  await expect(admin.getByRole("heading", { name: "Staff", level: 1 })).toBeVisible();
  await expect(admin.getByText("engineers see and bill only the clients assigned to them")).toBeVisible();

  // The last admin can be neither demoted nor removed: the controls are disabled and one sentence says why
  // (issue 28, item 10: the refusal used to show twice, beside controls that still looked usable).
  const sam = admin.getByRole("listitem", { name: "Sam Rivera", exact: true });
  await expect(sam.getByText("Only admin", { exact: true })).toBeVisible();
  const why = "Sam Rivera is the only admin. Make someone else an admin first; then you can step down or be removed.";
  await expect(sam.getByLabel("Role")).toBeDisabled();
  await expect(sam.getByLabel("Role")).toHaveAccessibleDescription(why);
  for (const name of ["Change role", "Remove from staff…"]) {
    await expect(sam.getByRole("button", { name })).toBeDisabled();
    await expect(sam.getByRole("button", { name })).toHaveAccessibleDescription(why);
  }
  await expect(sam.getByText(why)).toHaveCount(1);

  // Invite: a bad address is refused with what to fix; a good one is emailed a link.
  const email = `engineer-${Date.now()}@practice.test`;
  const invite = admin.getByRole("form", { name: "Invite to the practice" });
  await invite.getByLabel("Email").fill("engineer@@practice");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(invite.getByText("Enter a valid email address, like name@company.com.")).toBeVisible();
  await expect(invite.getByLabel("Email")).toHaveValue("engineer@@practice");
  await invite.getByLabel("Email").fill(email);
  await invite.getByLabel("Role").selectOption("engineer");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(invite.getByRole("status")).toHaveText(`Invitation sent to ${email}.`);
  await expect(admin.getByRole("list", { name: "Pending invitations" }).getByRole("listitem", { name: email, exact: true })).toBeVisible();
  await admin.screenshot({ path: "tests/e2e/__screenshots__/staff.png", fullPage: true });

  const mailbox = await admin.context().newPage();
  await mailbox.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  const body = await mailbox.getByRole("article").first().getByLabel("Plain-text version").textContent();
  const link = /(http:\/\/\S+\/invite\/\S+)/.exec(body ?? "")![1];
  await mailbox.close();

  // The invitee accepts from the link, is signed in, sets up two-step sign-in (staff must), and then reaches the
  // engineer home with nothing assigned yet.
  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: /^Join / })).toBeVisible();
  await expect(invitee.getByText("You were invited as an engineer")).toBeVisible();
  await invitee.getByRole("button", { name: "Accept and sign in" }).click();
  await expect(invitee.getByRole("alert").filter({ hasText: "Staff sign in with two steps." })).toBeVisible();
  expect((await invitee.goto("/engineer"))?.url()).toContain("/account?setup=two-step"); // closed until then
  await turnOnTwoStep(invitee);
  await invitee.goto("/engineer");
  await expect(invitee.getByText("No clients yet")).toBeVisible();
  await expect(invitee.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff" })).toHaveCount(0);
  expect((await invitee.goto("/staff"))?.status()).toBe(404);

  // The admin assigns them a client; their next page shows it.
  await admin.reload();
  const person = admin.getByRole("listitem", { name: email, exact: true });
  const assign = person.getByRole("form", { name: `Assign a client to ${email}` });
  await assign.getByLabel("Assign a client").selectOption({ label: "Kiwi Freight Co." });
  await assign.getByRole("button", { name: "Assign" }).click();
  await expect(person.getByRole("list", { name: `Clients assigned to ${email}` }).getByRole("link", { name: "Kiwi Freight Co." })).toBeVisible();
  await invitee.goto("/engineer");
  await expect(invitee.getByRole("link", { name: /Kiwi Freight Co\./ })).toBeVisible();

  // A role change takes effect on their next request, and goes back the same way.
  const role = person.getByRole("form", { name: `Role of ${email}` });
  await role.getByLabel("Role").selectOption("admin");
  await role.getByRole("button", { name: "Change role" }).click();
  await expect(role.getByRole("status")).toHaveText(`${email} is now an admin.`);
  await invitee.goto("/engineer");
  await expect(invitee.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff" })).toBeVisible();
  await role.getByLabel("Role").selectOption("engineer");
  await role.getByRole("button", { name: "Change role" }).click();
  await expect(role.getByRole("status")).toHaveText(`${email} is now an engineer.`);

  // Removing them ends their access at once.
  await person.getByText("Remove from staff…").click();
  await person.getByRole("button", { name: `Remove ${email}` }).click();
  await expect(admin.getByRole("listitem", { name: email, exact: true })).toHaveCount(0);
  // Removing the staff role ended their sessions: they are signed out, not merely refused.
  await invitee.goto("/engineer");
  await expect(invitee).toHaveURL(/\/login(\?next=[^&]+)?$/);
});

test("engineers and client owners get a 404 for the staff page and no link to it", async ({ browser }) => {
  for (const who of ["priya", "olivia"] as const) {
    const page = await pageAs(browser, who);
    expect((await page.goto("/staff"))?.status(), who).toBe(404);
    await page.goto("/");
    await expect(page.getByRole("link", { name: "Staff", exact: true })).toHaveCount(0);
  }
});
