// The daily digest (issue 23): an hourly job finds everyone whose notifications wait for a digest and whose
// morning (08:00 in their zone) has come, and sends each one email with what waited, at most one per local day
// (the outbox's key). A person who switched to "off" meanwhile gets none; one who left a client hears nothing
// more of it. Each person is their own transaction: one failure stops nobody else's.
import { asService } from "@/lib/db";
import { digestCandidates, markDigest, takeDigest } from "@/lib/db/notifications";
import { isValidZone, localDate, localHour } from "@/lib/domain/dates";
import { enqueueMail } from "@/lib/mail/outbox";
import { digestMail } from "@/lib/mail/notice-mails";

/** The hour of the person's morning at which their digest goes out. */
export const DIGEST_HOUR = 8;

export async function sendDigests({ now }: { now: Date }): Promise<{ people: number; digests: number; notifications: number; waiting: number }> {
  const candidates = await asService((tx) => digestCandidates(tx));
  let digests = 0;
  let notifications = 0;
  let waiting = 0;
  for (const person of candidates) {
    const zone = isValidZone(person.zone) ? person.zone : "UTC";
    if (person.mode === "daily" && localHour(now, zone) < DIGEST_HOUR) {
      waiting++;
      continue;
    }
    const day = localDate(now, zone);
    await asService(async (tx) => {
      const items = await takeDigest(tx, { userId: person.userId });
      if (!items.length) return;
      if (person.mode === "off") return markDigest(tx, { ids: items.map((i) => i.id), mail: "none" });
      // A person who went back to "immediately" gets what waited now, as one summary.
      const queued = await enqueueMail(tx, digestMail({ to: person.email, userId: person.userId, day, items }));
      if (!queued) {
        waiting++; // today's digest went out already: these wait for tomorrow's
        return;
      }
      await markDigest(tx, { ids: items.map((i) => i.id), mail: "digested" });
      digests++;
      notifications += items.length;
    });
  }
  return { people: candidates.length, digests, notifications, waiting };
}
