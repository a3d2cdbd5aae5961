/** One metric of a Graph `/insights` answer (Facebook, Instagram and Threads spell them alike). */
export interface Insight {
  name: string
  values?: { value?: number | Record<string, number> }[]
  total_value?: { value?: number }
}

/**
 * The figure of metric `name`: period metrics answer it in `values[0]`, total metrics in
 * `total_value`. Null when the metric is absent or not a single number (a breakdown by type).
 */
export function insightValue(data: Insight[], name: string): number | null {
  const insight = data.find((entry) => entry.name === name)
  const raw = insight?.total_value?.value ?? insight?.values?.[0]?.value
  return typeof raw === 'number' ? raw : null
}
