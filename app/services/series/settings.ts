/** How far ahead repeating posts exist as scheduled posts (the calendar shows them; the rest follows). */
export const seriesSettings = {
  windowDays: 35,
}
