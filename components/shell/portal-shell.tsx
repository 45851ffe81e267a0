import Link from "next/link";
import { LogTime, RunningTimerSlot } from "@/components/hours/log-time";
import type { Category, LogAction, LogTimeClient, RunningTimer, TimerAction, TimerStopOutcome } from "@/lib/types/hours";
import { NavLink } from "@/components/shell/nav-link";
import { ScrollingNav } from "@/components/shell/scrolling-nav";
import type { Viewer } from "@/lib/types/viewer";

/** The signed-in shell: navigation per role, log time for staff, the inbox with its unread count, the person, sign-out. */
export function PortalShell({ viewer, unread, logClients, logAction, defaultCategory, timer = null, timerActions, children }: {
  viewer: Viewer;
  unread: number;
  logClients: LogTimeClient[];
  logAction: LogAction;
  /** Staff: the category the log-time dialog starts with. */
  defaultCategory?: Category;
  /** Staff: their running timer (issue 25) and the actions that start, stop and discard it. */
  timer?: RunningTimer | null;
  timerActions?: { start: TimerAction<{ summary: string }>; stop: TimerAction<TimerStopOutcome>; discard: TimerAction<unknown> };
  children: React.ReactNode;
}) {
  const staff = viewer.staffRole !== null;
  return (
    <div className="min-h-dvh">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <Link href="/" className="flex items-center gap-2 text-sm font-semibold text-slate-900">
            <span aria-hidden className="grid size-7 place-items-center rounded-md bg-brand-600 text-xs font-bold text-white">RP</span>
            Retainer Portal
          </Link>
          <div className="order-3 -mx-1 w-full min-w-0 sm:order-none sm:w-auto">
            <ScrollingNav label="Main" fade="white" className="flex gap-1">
              {staff && <NavLink href="/engineer">Clients</NavLink>}
              {staff && <NavLink href="/week">Week</NavLink>}
              {staff && <NavLink href="/billing">Billing</NavLink>}
              {staff && viewer.staffRole === "admin" && <NavLink href="/staff">Staff</NavLink>}
              {staff && viewer.staffRole === "admin" && <NavLink href="/import">Import</NavLink>}
              {staff && viewer.staffRole === "admin" && <NavLink href="/settings">Practice settings</NavLink>}
              {!staff && viewer.memberships.length > 1 &&
                viewer.memberships.map((m) => (
                  <NavLink key={m.clientId} href={`/clients/${m.clientId}`}>{m.clientName}</NavLink>
                ))}
            </ScrollingNav>
          </div>
          <div className="ml-auto flex items-center gap-3">
            {staff && <LogTime clients={logClients} action={logAction} startTimer={timerActions?.start} defaultCategory={defaultCategory} />}
            <Link href="/search" className="inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
              aria-label="Search" aria-keyshortcuts={staff ? "/" : undefined}>
              <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-4 text-slate-500">
                <path fillRule="evenodd" d="M9 3.5a5.5 5.5 0 1 0 3.4 9.83l3.64 3.63a.75.75 0 1 0 1.06-1.06l-3.63-3.64A5.5 5.5 0 0 0 9 3.5ZM5 9a4 4 0 1 1 8 0 4 4 0 0 1-8 0Z" clipRule="evenodd" />
              </svg>
              <span className="hidden lg:inline">Search</span>
            </Link>
            <Link href="/inbox" className="inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
              aria-label={unread ? `Inbox ${unread > 99 ? "99+" : unread} unread` : "Inbox"}>
              <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-4 text-slate-500">
                <path d="M10 2a6 6 0 0 0-6 6v2.6l-1.3 2.6A1 1 0 0 0 3.6 15h12.8a1 1 0 0 0 .9-1.8L16 10.6V8a6 6 0 0 0-6-6Zm-2 14a2 2 0 1 0 4 0H8Z" />
              </svg>
              <span className="hidden sm:inline">Inbox</span>{" "}
              {unread > 0 && (
                <span className="min-w-5 rounded-full bg-brand-600 px-1.5 text-center text-xs font-semibold leading-5 text-white">{unread > 99 ? "99+" : unread}</span>
              )}
            </Link>
            {/* Named by what it shows (WCAG 2.5.3: a voice user says what they see), then what it opens. */}
            <Link href="/account" className="hidden rounded-md px-1 text-right text-sm leading-tight hover:bg-slate-50 sm:block">
              <span className="block font-medium text-slate-900">{viewer.fullName || viewer.email}</span>
              <span className="block text-xs text-slate-500">
                {viewer.staffRole === "admin" ? "Practice admin" : viewer.staffRole === "engineer" ? "Engineer" : viewer.fullName ? viewer.email : "Your account"}
              </span>
              {(viewer.staffRole !== null || viewer.fullName) && <span className="sr-only">(your account)</span>}
            </Link>
            <Link href="/account" className="text-sm font-medium text-slate-700 underline sm:hidden">Account</Link>
            <form action="/logout" method="post">
              <button type="submit" className="rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      {staff && timer && timerActions && <RunningTimerSlot key={timer.startedAtMs} timer={timer} stop={timerActions.stop} discard={timerActions.discard} />}
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8">{children}</main>
    </div>
  );
}
