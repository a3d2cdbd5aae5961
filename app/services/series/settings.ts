/** Repeating posts' limits and defaults, read at each use (tests change them). */
export const seriesSettings = {
  /** How far ahead occurrences exist as scheduled posts (the calendar shows them; the rest follows). */
  windowDays: 35,
  /**
   * A first publish attempt later than this means no worker ran at the occurrence's time:
   * the series' rule for missed occurrences decides. Below it, the delay is ordinary queueing.
   */
  missedAfterMs: 5 * 60_000,
  defaultMissedPolicy: 'post_late' as const,
  defaultLateGraceMinutes: 120,
}
