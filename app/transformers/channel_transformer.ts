import type { NetworkPlugin } from '#sdk'
import type SocialAccount from '#models/social_account'
import { webUrl } from '#sdk/web_url'

/** A connected account as the Channels page shows it: public profile and health, never a token. */
export function toChannel(account: SocialAccount) {
  return {
    id: account.id,
    network: account.network,
    handle: account.handle,
    displayName: account.displayName,
    // Links a network gave us: only http(s) reach the page (a `javascript:` profile link would run).
    avatarUrl: webUrl(account.avatarUrl),
    profileUrl: webUrl(account.profileUrl),
    status: account.status,
    lastError: account.lastError,
    connectedAt: account.connectedAt.toISO()!,
  }
}

/** A network the user can connect, with what its connect form needs. */
export function toNetworkChoice(plugin: NetworkPlugin) {
  const auth = plugin.auth
  return {
    id: plugin.id,
    displayName: plugin.displayName,
    icon: plugin.icon,
    brandColor: plugin.brandColor,
    authKind: auth.kind,
    fields:
      auth.kind === 'credentials'
        ? auth.fields.map(({ name, type, label, default: value, secret }) => ({
            name,
            type,
            label,
            default: value ?? '',
            secret,
          }))
        : [],
  }
}

export type Channel = ReturnType<typeof toChannel>
export type NetworkChoice = ReturnType<typeof toNetworkChoice>
