// How many vitest workers run at once (vitest.config.ts), and so how many databases tests/support/global-db.ts makes.
export const WORKERS = 2;
