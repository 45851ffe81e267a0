// Small arithmetic on timings (milliseconds from performance.now()).
export const quantile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))];

/** Seconds since `t0`, one decimal, for the report. */
export const secondsSince = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);
