/**
 * Bounds on waiting for a condition in the browser. They only end a wait that would never end:
 * a test on a loaded machine waits as long as it needs within them.
 */
export const NAVIGATION_TIMEOUT = 30_000

/** The first page a browser test loads (the front end is compiled before the suite: warm_up.ts). */
export const FIRST_LOAD_TIMEOUT = 90_000
