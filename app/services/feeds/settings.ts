/**
 * Limits of feed fetching. One object, read at each use, so tests can shorten them.
 * A feed is a small text document: 2 MB and 15 s are generous for any real one.
 */
export const feedSettings = {
  maxBytes: 2 * 1024 * 1024,
  timeoutMs: 15_000,
  maxRedirects: 3,
  /** How often each feed is fetched. */
  everyMinutes: 15,
  /** The most items one fetch turns into posts (each feed may ask for fewer). */
  maxItemsCap: 20,
}
