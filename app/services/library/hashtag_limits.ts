import plugins from '#services/plugins'

/** The hashtag ceiling of each enabled network that declares one (capabilities.hashtags). */
export async function hashtagLimits(): Promise<Record<string, number>> {
  const limits: Record<string, number> = {}
  for (const plugin of await plugins.enabled())
    if (plugin.capabilities.hashtags) limits[plugin.id] = plugin.capabilities.hashtags.max
  return limits
}

/** The networks whose limit a group of `count` hashtags is over, on its own. */
export function networksOver(count: number, limits: Record<string, number>) {
  return Object.entries(limits)
    .filter(([, max]) => count > max)
    .map(([network]) => network)
}
