/** The evergreen queue's limits, read at each use (tests shorten them). */
export const evergreenSettings = {
  /** The least time between two evergreen posts on one account. */
  accountGapHours: 12,
  /** How far ahead free slots are filled. */
  horizonDays: 7,
}
