// The portal layout's data: who is signed in, their unread notifications, and for staff the clients they can log
// time for (the log-time dialog in the shell), each with its "today" and open roadmap items, and their running timer.
import type { Session } from "@/lib/auth/session";
import { asUser } from "@/lib/db";
import { listClients } from "@/lib/db/clients";
import { unreadCount } from "@/lib/db/notifications";
import { openRoadmapItems } from "@/lib/db/roadmap";
import { localDate } from "@/lib/domain/dates";
import { runningTimer } from "@/lib/hours/timer";
import { workPreferencesOf } from "@/lib/db/users";
import type { Category, LogTimeClient, RunningTimer } from "@/lib/types/hours";
import type { Viewer } from "@/lib/types/viewer";

export interface PortalShellView {
  viewer: Viewer;
  logClients: LogTimeClient[];
  /** Staff: their running timer, if any (issue 25). */
  timer: RunningTimer | null;
  /** Staff: the category the log-time dialog starts with (their setting on /account). */
  defaultCategory: Category;
  /** Someone new (invited, or a first sign-in): the shell asks their name once, on whatever page they landed. */
  askName: boolean;
  /** Their unread notifications (the inbox link's count). */
  unread: number;
}

export async function viewPortalShell({ claims, viewer, twoStepFirst = false }: Session & { twoStepFirst?: boolean }, now: Date): Promise<PortalShellView> {
  // A staff member who must set up two-step sign-in first sees no client in the shell until then.
  const staff = viewer.staffRole !== null && !twoStepFirst;
  const [logClients, unread] = await Promise.all([
    staff ? loggableClients(claims, viewer.userId, now) : { clients: [], timer: null, defaultCategory: "build" as const },
    viewer.sessionLive ? asUser(claims, unreadCount) : 0,
  ]);
  return { viewer, logClients: logClients.clients, timer: logClients.timer, defaultCategory: logClients.defaultCategory, askName: !viewer.fullName && viewer.sessionLive, unread };
}

/** The clients this engineer can log time for, with "today" in each client's zone and its open items; their timer. */
function loggableClients(claims: Session["claims"], userId: string, now: Date): Promise<{ clients: LogTimeClient[]; timer: RunningTimer | null; defaultCategory: Category }> {
  return asUser(claims, async (tx) => {
    const [clients, timer, prefs] = await Promise.all([listClients(tx), runningTimer(tx, now), workPreferencesOf(tx, { userId })]);
    const items = clients.length ? await openRoadmapItems(tx, { clientIds: clients.map((c) => c.id) }) : [];
    return {
      clients: clients.map((c) => ({
        id: c.id,
        name: c.name,
        today: localDate(now, c.timezone),
        items: items.filter((i) => i.clientId === c.id).map(({ id, title }) => ({ id, title })),
      })),
      timer,
      defaultCategory: prefs.defaultCategory,
    };
  });
}
