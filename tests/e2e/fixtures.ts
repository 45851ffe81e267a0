import { test as base } from "@playwright/test";
import { randomIp } from "./helpers";

/** Every test arrives from its own client IP, so per-IP sign-in limits don't add up across the suite. */
export const test = base.extend({
  extraHTTPHeaders: async ({}, provide) => {
    await provide({ "x-forwarded-for": randomIp() });
  },
});
export { expect } from "@playwright/test";
