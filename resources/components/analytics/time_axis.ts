/** An hour either side of a lone reading: enough for the axis to have a width and a label. */
const LONE_POINT_MARGIN_MS = 3_600_000

/**
 * The x-axis range of readings on a time axis. A single reading (or several at one instant)
 * would give a range of zero width, on which Chart.js draws nothing: centre it instead.
 */
export function timeBounds(xs: number[]) {
  if (!xs.length) return { min: 0, max: 0 }
  const min = Math.min(...xs)
  const max = Math.max(...xs)
  return min === max
    ? { min: min - LONE_POINT_MARGIN_MS, max: max + LONE_POINT_MARGIN_MS }
    : { min, max }
}

/**
 * Curves through counts: Chart.js's default Bézier tension overshoots between readings (a
 * count of 3, 3, 9 dips below 3 and rises above 9). Monotone interpolation never leaves the
 * range of the two readings it joins.
 */
export const COUNT_CURVE = { cubicInterpolationMode: 'monotone' as const }
