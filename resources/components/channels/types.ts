/* Page props are `type` aliases, not interfaces: Inertia checks them against JSON types, which interfaces fail. */
/** Props of the Channels page (see app/transformers/channel_transformer.ts). */
export type Channel = {
  id: number
  network: string
  handle: string
  displayName: string
  avatarUrl: string | null
  profileUrl: string | null
  status: 'connected' | 'needs_reconnection' | 'disconnected'
  lastError: string | null
  connectedAt: string
}

/** Words a plugin brings in both languages. */
export type LocalText = { en: string; fr: string }

export type NetworkChoice = {
  id: string
  displayName: string
  icon: string
  brandColor: string
  authKind: 'oauth2' | 'instance_oauth' | 'credentials'
  fields: {
    name: string
    type: 'text' | 'password' | 'url'
    /** An i18n key or plain text, or the plugin's own words in both languages. */
    label: string | LocalText
    help: LocalText | null
    placeholder: string | null
    default: string
    secret: boolean
  }[]
  /** Not ready: the server's admin still has to register the app and set these variables. */
  setup:
    | { ready: true }
    | { ready: false; missing: string[]; consoleUrl: string | null; callbackUrl: string }
}
