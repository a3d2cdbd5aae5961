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

/**
 * What stands between a network and its first connection on this server: the environment
 * variables the admin has not set yet, where to register the app, and the callback URL to give it.
 * Variable names and URLs only — never a value.
 */
export interface NetworkSetupState {
  missing: string[]
  consoleUrl: string | null
  callbackUrl: string
}

/** A network the user can connect, with what its connect form needs. */
export function toNetworkChoice(plugin: NetworkPlugin, setup: NetworkSetupState) {
  const auth = plugin.auth
  return {
    id: plugin.id,
    displayName: plugin.displayName,
    icon: plugin.icon,
    brandColor: plugin.brandColor,
    authKind: auth.kind,
    fields:
      auth.kind === 'credentials'
        ? auth.fields.map(({ name, type, label, help, placeholder, default: value, secret }) => ({
            name,
            // A secret is masked whatever type the plugin gave it.
            type: secret ? ('password' as const) : type,
            label,
            help: help ?? null,
            placeholder: placeholder ?? null,
            default: value ?? '',
            secret,
          }))
        : [],
    setup: setup.missing.length
      ? {
          ready: false as const,
          missing: setup.missing,
          consoleUrl: setup.consoleUrl,
          callbackUrl: setup.callbackUrl,
        }
      : { ready: true as const },
  }
}

export type Channel = ReturnType<typeof toChannel>
export type NetworkChoice = ReturnType<typeof toNetworkChoice>
