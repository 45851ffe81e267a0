"use client";
// The running timer (issue 25), under the shell's header for staff only: what it is for, how long it has run
// (also in the tab's title), Stop and Discard. Stopping logs an ordinary entry; a timer that ran past 10 hours
// or past midnight in the client's zone asks first, with the most its day allows filled in, and never saves
// more. Owners never load this: it renders only when a staff member has a timer running.
import { useRouter } from "next/navigation";
import { useEffect, useId, useState, useTransition } from "react";
import { OverageWarning } from "@/components/hours/overage-warning";
import { buttonClass } from "@/components/ui/button";
import type { ActionState } from "@/lib/commands/state";
import type { RunningTimer, TimerAction, TimerStopOutcome } from "@/lib/types/hours";

/** 0:07:05, 12:40:00: hours, minutes and seconds of a running clock. */
export function clockText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

export function RunningTimerBar({ timer, stop, discard }: {
  timer: RunningTimer;
  stop: TimerAction<TimerStopOutcome>;
  discard: TimerAction<unknown>;
}) {
  const id = useId();
  const router = useRouter();
  // The app's clock may differ from this browser's (a test's fixed calendar, a skewed laptop): count from its offset.
  const [offset] = useState(() => timer.renderedAtMs - Date.now());
  const [elapsed, setElapsed] = useState(timer.renderedAtMs - timer.startedAtMs);
  // What stopping answered: a question (past 10 hours or midnight; the overage), or a refusal. A refusal of the
  // figure the person typed keeps the question on screen, with the reason on the field.
  const [ask, setAsk] = useState<Extract<TimerStopOutcome, { status: "ask" }> | null>(null);
  const [overage, setOverage] = useState<Extract<TimerStopOutcome, { status: "needs_confirmation" }> | null>(null);
  const [error, setError] = useState<Extract<ActionState, { ok: false }> | null>(null);
  const [minutes, setMinutes] = useState("");
  const [discarding, setDiscarding] = useState(false);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    const base = document.title.replace(/^⏱ [\d:]+ · /, "");
    const tick = () => {
      const ms = Date.now() + offset - timer.startedAtMs;
      setElapsed(ms);
      document.title = `⏱ ${clockText(ms).replace(/:\d\d$/, "")} · ${base}`;
    };
    tick();
    const t = setInterval(tick, 1000);
    return () => {
      clearInterval(t);
      document.title = base;
    };
  }, [timer.startedAtMs, offset]);

  const reset = () => {
    setAsk(null);
    setOverage(null);
    setError(null);
  };

  function send(action: "stop" | "discard", opts: { confirm?: boolean; confirmOverage?: boolean } = {}) {
    const form = new FormData();
    if (action === "stop") {
      form.set("clientId", timer.clientId);
      form.set("confirm", opts.confirm ? "1" : "");
      form.set("minutes", opts.confirm ? minutes : "");
      form.set("confirmOverage", opts.confirmOverage ? "1" : "");
    }
    startTransition(async () => {
      const result = action === "stop" ? await stop(null, form) : await discard(null, form);
      if (!result) return;
      if (!result.ok) {
        setError(result);
        return;
      }
      setError(null);
      const outcome = action === "stop" ? (result.data as TimerStopOutcome) : null;
      if (outcome?.status === "ask") {
        setAsk(outcome);
        setMinutes(outcome.suggested);
      } else if (outcome?.status === "needs_confirmation") setOverage(outcome);
      else {
        reset();
        router.refresh(); // saved or discarded: the shell no longer shows the timer
      }
    });
  }

  const what = [timer.clientName, timer.roadmapTitle].filter(Boolean).join(" · ");
  return (
    <section aria-labelledby={`${id}-title`} className="border-b border-brand-200 bg-brand-50">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2 sm:px-6">
        <h2 id={`${id}-title`} className="sr-only">Running timer</h2>
        <p className="flex min-w-0 flex-1 items-center gap-2 text-sm text-slate-800">
          <span aria-hidden className="size-2 shrink-0 animate-pulse rounded-full bg-brand-600" />
          <span className="font-semibold tabular-nums text-slate-900" aria-label={`Running for ${clockText(elapsed)}`}>{clockText(elapsed)}</span>
          <span className="min-w-0 truncate"><span className="font-medium">{what}</span> — {timer.description}</span>
        </p>
        {!ask && !overage && !discarding && (
          <div className="flex gap-2">
            <button type="button" disabled={pending} onClick={() => send("stop")} className={buttonClass("primary", "sm")}>
              {pending ? "Stopping…" : "Stop and log"}
            </button>
            <button type="button" disabled={pending} onClick={() => setDiscarding(true)} className={buttonClass("ghost", "sm")}>Discard</button>
          </div>
        )}
        {discarding && (
          <div role="alert" className="flex w-full flex-wrap items-center gap-2 text-sm text-slate-800 sm:w-auto">
            <span>Discard {clockText(elapsed).replace(/:\d\d$/, "")} without logging it?</span>
            <button type="button" disabled={pending} onClick={() => send("discard")} className={buttonClass("danger", "sm")}>Discard timer</button>
            <button type="button" onClick={() => setDiscarding(false)} className={buttonClass("ghost", "sm")}>Keep it running</button>
          </div>
        )}
      </div>
      {error && !error.fieldErrors.minutes && (
        <p role="alert" className="mx-auto max-w-6xl px-4 pb-2 text-sm text-red-800 sm:px-6">{error.error}</p>
      )}
      {ask && (
        <form
          noValidate
          onSubmit={(e) => { e.preventDefault(); send("stop", { confirm: true }); }}
          className="mx-auto max-w-6xl px-4 pb-3 sm:px-6"
        >
          <div role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
            <p className="font-medium">
              {ask.reason === "past-midnight"
                ? `This timer ran ${ask.elapsed}, past midnight in ${timer.clientName}'s time zone.`
                : `This timer ran ${ask.elapsed}. Was it really running all that time?`}
            </p>
            <p className="mt-1">An entry is for one day, {ask.day}: at most {ask.cap} of it was left when the timer started. Enter what you worked, or discard the timer.</p>
            <div className="mt-3 flex flex-wrap items-end gap-2">
              <div>
                <label htmlFor={`${id}-minutes`} className="mb-1 block text-xs font-medium text-slate-800">Time to log</label>
                <input id={`${id}-minutes`} value={minutes} onChange={(e) => setMinutes(e.target.value)} autoFocus autoComplete="off"
                  aria-invalid={error?.fieldErrors.minutes ? true : undefined} aria-describedby={error?.fieldErrors.minutes ? `${id}-minutes-error` : undefined}
                  className={`block w-28 rounded-md border-0 bg-white px-3 py-1.5 text-sm text-slate-900 ring-1 ring-inset focus:ring-2 ${
                    error?.fieldErrors.minutes ? "ring-red-400 focus:ring-red-500" : "ring-slate-300 focus:ring-brand-500"}`} />
              </div>
              <button type="submit" disabled={pending} className={buttonClass("primary", "sm")}>{pending ? "Saving…" : "Save entry"}</button>
              <button type="button" disabled={pending} onClick={() => send("discard")} className={buttonClass("danger", "sm")}>Discard timer</button>
              <button type="button" onClick={reset} className={buttonClass("ghost", "sm")}>Keep it running</button>
            </div>
            {error?.fieldErrors.minutes && <p id={`${id}-minutes-error`} className="mt-2 text-sm text-red-800">{error.fieldErrors.minutes[0]}</p>}
          </div>
        </form>
      )}
      {overage && (
        <div className="mx-auto max-w-6xl px-4 pb-3 sm:px-6">
          <OverageWarning warning={overage}>
            <button type="button" disabled={pending} onClick={() => send("stop", { confirm: true, confirmOverage: true })} className={buttonClass("primary", "sm")}>Log it anyway</button>
            <button type="button" onClick={reset} className={buttonClass("ghost", "sm")}>Keep it running</button>
          </OverageWarning>
        </div>
      )}
    </section>
  );
}
