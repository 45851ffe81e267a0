// Signs each demo account in once through the real code flow and saves the session for the other specs.
import { test as setup } from "@playwright/test";
import { ACCOUNTS, authFile, randomIp, signIn } from "./helpers";

for (const who of ["sam", "priya", "olivia", "marco", "aroha"] as const) {
  setup(`sign in as ${who}`, async ({ browser }) => {
    const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomIp() } });
    const page = await context.newPage();
    await signIn(page, ACCOUNTS[who]);
    await context.storageState({ path: authFile(who) });
    await context.close();
  });
}
