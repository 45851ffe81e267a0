// The demo accounts the embedded runner seeds (lib/dev/seed) and the sign-in page lists in demo mode. Data
// only, so the sign-in page and the sign-in limits need nothing of the seed itself.

/** The demo people by first name, for tests and scripts. */
export const DEMO_EMAILS = {
  sam: "sam@practice.test",
  priya: "priya@practice.test",
  olivia: "olivia@harborpine.test",
  marco: "marco@harborpine.test",
  aroha: "aroha@kiwifreight.test",
  yuki: "yuki@sakura-ceramics.test",
} as const;

export const DEMO_ACCOUNTS = [
  { email: DEMO_EMAILS.sam, name: "Sam Rivera", label: "Engineer (practice admin)" },
  { email: DEMO_EMAILS.priya, name: "Priya Natarajan", label: "Engineer (Kiwi Freight only)" },
  { email: DEMO_EMAILS.olivia, name: "Olivia Chen", label: "Owner, Harbor & Pine Bakery" },
  { email: DEMO_EMAILS.marco, name: "Marco Diaz", label: "Member of Harbor & Pine and Kiwi Freight" },
  { email: DEMO_EMAILS.aroha, name: "Aroha Ngata", label: "Owner, Kiwi Freight Co." },
  { email: DEMO_EMAILS.yuki, name: "Yuki Tanaka", label: "Owner, Sakura Ceramics" },
] as const;

const demoEmails = new Set<string>(Object.values(DEMO_EMAILS));
export const isDemoAccount = (email: string) => demoEmails.has(email.trim().toLowerCase());
