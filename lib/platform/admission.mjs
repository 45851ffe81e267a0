// Admission for `npm run serve`: at most `limit` requests are inside the app at once, the rest wait their turn in
// arrival order. Node otherwise starts every request the moment it arrives and interleaves them all, one await at a
// time: under a burst each request then shares the one core with every other, and a request that awaits the
// database ten times (an action, then the page it re-renders) queues behind the whole crowd ten times. In turn,
// a request's time is the wait for a slot plus its own work, so the slowest ones stay close to the typical ones
// (issue 24: p99 at 50 connections). A slot is given back when the response ends or is abandoned — or after
// `holdMs`, so a long download (an export that streams for a minute) or a slow upstream never holds one for long.
/**
 * @param {{ limit: number, holdMs: number }} options
 */
export function createAdmission({ limit, holdMs }) {
  let inside = 0;
  /** @type {Array<() => void>} */
  const waiting = [];
  const next = () => {
    const run = waiting.shift();
    if (run) run();
  };
  return {
    /** How many requests are inside and how many wait (tests and the bench read it). */
    get state() {
      return { inside, waiting: waiting.length };
    },
    /**
     * Runs `run` once a slot is free; the slot is held until `res` closes or `holdMs` passes.
     * @param {import("node:http").ServerResponse} res
     * @param {() => unknown} run
     */
    admit(res, run) {
      const enter = () => {
        res.off("close", gaveUp);
        inside++;
        let held = true;
        const leave = () => {
          if (!held) return;
          held = false;
          clearTimeout(timer);
          inside--;
          next();
        };
        const timer = setTimeout(leave, holdMs);
        timer.unref();
        res.once("close", leave);
        try {
          run();
        } catch (error) {
          leave();
          throw error;
        }
      };
      // A caller who gives up while waiting leaves the queue: nothing runs for them.
      const gaveUp = () => {
        const i = waiting.indexOf(enter);
        if (i >= 0) waiting.splice(i, 1);
      };
      if (inside < limit) return enter();
      waiting.push(enter);
      res.once("close", gaveUp);
    },
  };
}
