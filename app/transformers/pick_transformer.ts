import type { Connection, NetworkPlugin } from '#sdk'
import { webUrl } from '#sdk/web_url'

/** One account the login returned, as the picker shows it: public profile only, never its token. */
export function toPickCandidate(connection: Connection, connectedIds: Set<string>) {
  const { profile } = connection
  return {
    externalId: profile.externalId,
    displayName: profile.displayName,
    handle: profile.handle,
    avatarUrl: webUrl(profile.avatarUrl),
    profileUrl: webUrl(profile.profileUrl),
    alreadyConnected: connectedIds.has(profile.externalId),
  }
}

export function toPickNetwork(plugin: NetworkPlugin) {
  return {
    id: plugin.id,
    displayName: plugin.displayName,
    icon: plugin.icon,
    brandColor: plugin.brandColor,
  }
}

export type PickCandidate = ReturnType<typeof toPickCandidate>
export type PickNetwork = ReturnType<typeof toPickNetwork>
