import { BaseTransformer } from '@adonisjs/core/transformers'
import type { NetworkPlugin } from '#sdk'

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

/** How a network is shown (name, icon, colour) wherever a page names one. */
export default class NetworkTransformer extends BaseTransformer<NetworkPlugin> {
  toObject() {
    const plugin = this.resource
    return {
      id: plugin.id,
      displayName: plugin.displayName,
      icon: plugin.icon,
      brandColor: plugin.brandColor,
    }
  }

  /**
   * A network the user can connect, with what its connect form needs. A URL field named like one
   * of the plugin's configured base URLs proposes that URL (BLUESKY_SERVICE_URL for Bluesky's
   * "service"), so the form suggests the server the operator chose rather than the plugin's default.
   */
  forConnecting(setup: NetworkSetupState, urls: Record<string, string> = {}) {
    const auth = this.resource.auth
    return {
      ...this.toObject(),
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
              default: (type === 'url' ? urls[name] : undefined) ?? value ?? '',
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
}
