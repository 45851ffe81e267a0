// The practice settings page's data: the practice's details, read under the admin's RLS.
import type { Session } from "@/lib/auth/session";
import { asUser } from "@/lib/db";
import { getPracticeSettings } from "@/lib/db/settings";
import { found } from "@/lib/platform/errors";

export function viewPracticeSettings({ claims }: Session) {
  return asUser(claims, async (tx) => found(await getPracticeSettings(tx), "The practice settings"));
}
