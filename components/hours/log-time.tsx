"use client";
// Log time from anywhere in the engineer views: a button and the `L` shortcut open a dialog; Enter saves.
// This part (button, shortcut, dialog, toast) is small and always present for staff; the form is its own
// chunk (log-time-form), fetched once the button has mounted, so it is ready before anyone presses L.
import { usePathname, useRouter } from "next/navigation";
import { lazy, Suspense, useEffect, useRef, useState, type ComponentProps } from "react";
import { buttonClass } from "@/components/ui/button";
import type { Category, LogAction, LogTimeClient, TimerAction } from "@/lib/types/hours";

const loadForm = () => import("@/components/hours/log-time-form");
const LogTimeForm = lazy(() => loadForm().then((m) => ({ default: m.LogTimeForm })));
// The running timer's bar is its own chunk too: this file is in every portal page's JavaScript (owners' included),
// the bar only where a staff member has a timer running (issue 25: owners' pages must not grow).
const RunningTimerBar = lazy(() => import("@/components/hours/running-timer").then((m) => ({ default: m.RunningTimerBar })));

/** The running timer under the shell's header (components/hours/running-timer), loaded only when there is one. */
export function RunningTimerSlot(props: ComponentProps<typeof RunningTimerBar>) {
  return (
    <Suspense fallback={null}>
      <RunningTimerBar {...props} />
    </Suspense>
  );
}

function isTyping(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

export function LogTime({ clients, action, startTimer, defaultCategory }: {
  clients: LogTimeClient[]; action: LogAction; startTimer?: TimerAction<{ summary: string }>; defaultCategory?: Category;
}) {
  const pathname = usePathname();
  const router = useRouter();
  const routeClient = /^\/clients\/([0-9a-f-]{36})/.exec(pathname)?.[1];
  // On a roadmap item's page the entry is most likely for that item.
  const routeItem = /^\/clients\/[0-9a-f-]{36}\/roadmap\/([0-9a-f-]{36})/.exec(pathname)?.[1];
  const dialog = useRef<HTMLDialogElement>(null);
  const [toast, setToast] = useState<string | null>(null);
  const [session, setSession] = useState(0); // a new form each time the dialog opens

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // "/" searches (issue 25): staff's shortcut; everyone has the header's Search link.
      if (e.key === "/" && !e.metaKey && !e.ctrlKey && !e.altKey && !isTyping(e.target) && !dialog.current?.open) {
        e.preventDefault();
        router.push("/search");
        return;
      }
      if (e.key.toLowerCase() !== "l" || e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target) || dialog.current?.open) return;
      e.preventDefault();
      open();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  useEffect(() => {
    void loadForm(); // warm the chunk now, not when the dialog first opens
  }, []);

  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => setToast(null), 5000);
    return () => clearTimeout(t);
  }, [toast]);

  function open() {
    setSession((s) => s + 1);
    dialog.current?.showModal();
  }

  if (clients.length === 0) return null;
  return (
    <>
      <button type="button" onClick={open} className={buttonClass("primary", "sm")} aria-keyshortcuts="L">
        Log time <kbd className="hidden rounded bg-white/20 px-1 font-sans text-xs sm:inline">L</kbd>
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="log-time-title"
        className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-xl bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="p-5 sm:p-6">
          <div className="flex items-start justify-between gap-4">
            <h2 id="log-time-title" className="text-lg font-semibold text-slate-900">Log time</h2>
            <button type="button" onClick={() => dialog.current?.close()} className="rounded p-1 text-slate-500 hover:bg-slate-100" aria-label="Close">✕</button>
          </div>
          {session > 0 && (
            <Suspense fallback={<p className="mt-4 text-sm text-slate-500" role="status">Loading…</p>}>
              <LogTimeForm
                key={session}
                clients={clients}
                action={action}
                startTimer={startTimer}
                defaultCategory={defaultCategory}
                onTimerStarted={() => router.refresh()} // the shell shows the running timer
                defaultClientId={clients.some((c) => c.id === routeClient) ? routeClient! : clients[0].id}
                defaultItemId={routeItem}
                onClose={() => dialog.current?.close()}
                onSaved={(summary) => {
                  dialog.current?.close();
                  setToast(summary);
                }}
              />
            </Suspense>
          )}
        </div>
      </dialog>
      <div aria-live="polite" className="fixed bottom-4 right-4 z-50">
        {toast && <p role="status" className="rounded-lg bg-slate-900 px-4 py-3 text-sm text-white shadow-lg">{toast}</p>}
      </div>
    </>
  );
}
