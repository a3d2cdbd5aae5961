import type { Capabilities, PostMetrics, AccountMetrics } from './capabilities.js'
import type { HttpClient } from './http.js'
import type { PublishOutcome, Result } from './results.js'
import type { TokenSet } from './tokens.js'
import type { PostIssue } from './validation.js'
import type { OptionChoice, OptionField } from './options.js'
import type { PluginConfigVar } from './plugin_config.js'
import type { PartDraft, PublishPartContext } from './parts.js'

/**
 * Settings of one plugin as the app resolves them from config: every base URL
 * (so fakes and proxies can stand in for the network) and the app's credentials.
 */
export interface PluginSettings {
  urls: Record<string, string>
  clientId?: string
  clientSecret?: string
  [key: string]: unknown
}

export interface PluginContext {
  settings: PluginSettings
  http: HttpClient
}

/** What the plugin learns about an account when it connects. Public data only. */
export interface AccountProfile {
  externalId: string
  handle: string
  displayName: string
  avatarUrl?: string | null
  profileUrl?: string | null
  /** Non-secret facts the plugin needs later (instance URL, PDS URL, page id…). */
  meta?: Record<string, string | number | boolean | null>
  /**
   * The login grant this account's token belongs to. Accounts that share one login grant
   * (the Pages of one Facebook user, a LinkedIn member and the organisations they administer,
   * the channels of one Google sign-in) carry the same grant key: revoking the token revokes
   * all of them, so the app revokes only when no other connected account carries the key.
   * Not a secret (a network user id, or a hash): prefix it with the network family (`meta:…`).
   * Leave it unset when a token acts for this account alone.
   */
  grant?: string
}

/** One connectable account. A login may yield several (Facebook pages, LinkedIn organisations). */
export interface Connection {
  profile: AccountProfile
  token: TokenSet
}

/** The account a call acts for, with its decrypted secrets. */
export interface AccountContext extends PluginContext {
  account: AccountProfile
  token: TokenSet
}

export interface OAuth2Auth {
  kind: 'oauth2'
  /** PKCE S256 is used whenever the network supports it. */
  pkce: boolean
  scopes: string[]
  /** A second step where the user picks which of the returned accounts to connect. */
  picker: boolean
  authorizationUrl(
    ctx: PluginContext,
    input: { state: string; redirectUri: string; codeChallenge?: string }
  ): string
  exchangeCode(
    ctx: PluginContext,
    input: { code: string; redirectUri: string; codeVerifier?: string }
  ): Promise<Result<Connection[]>>
  refresh(ctx: AccountContext): Promise<Result<TokenSet>>
  /** Absent when the network has no revocation endpoint (`capabilities.tokens.revocable: false`). */
  revoke?(ctx: AccountContext): Promise<Result<void>>
}

/** OAuth on a server the user names (Mastodon): the app registers itself there once per instance. */
export interface InstanceOAuth {
  kind: 'instance_oauth'
  pkce: boolean
  scopes: string[]
  picker: false
  registerApp(
    ctx: PluginContext,
    input: { instanceUrl: string; redirectUri: string }
  ): Promise<Result<{ clientId: string; clientSecret: string }>>
  authorizationUrl(
    ctx: PluginContext,
    input: {
      instanceUrl: string
      clientId: string
      state: string
      redirectUri: string
      codeChallenge?: string
    }
  ): string
  exchangeCode(
    ctx: PluginContext,
    input: {
      instanceUrl: string
      clientId: string
      clientSecret: string
      code: string
      redirectUri: string
      codeVerifier?: string
    }
  ): Promise<Result<Connection[]>>
  refresh?(ctx: AccountContext): Promise<Result<TokenSet>>
  revoke?(ctx: AccountContext): Promise<Result<void>>
}

export interface CredentialField {
  name: string
  type: 'text' | 'password' | 'url'
  /**
   * i18n key of the label in the app's catalogue, or plain text; SDK v2: `{ en, fr }` words of the
   * plugin's own, so a new network needs no edit to the app's catalogue.
   */
  label: string | LocalText
  /** A line under the field (where to find the token, what form the value takes). */
  help?: LocalText
  placeholder?: string
  default?: string
  /** A secret field is masked in the form, stored sealed and never sent back to the browser. */
  secret: boolean
}

/** Words a plugin brings in both of the app's languages. */
export interface LocalText {
  en: string
  fr: string
}

/**
 * Failure codes of `CredentialsAuth.connect` that the app words for the user (and logs for the
 * admin): the login itself was refused, the server could not be reached (down, or an address
 * the outbound policy refuses), or the login worked but the account could not be read.
 */
export const CONNECT_FAILURES = [
  'login_refused',
  'server_unreachable',
  'profile_lookup_failed',
] as const
export type ConnectFailure = (typeof CONNECT_FAILURES)[number]

/** Handle + password style logins (Bluesky app passwords). The credentials are stored like tokens. */
export interface CredentialsAuth {
  kind: 'credentials'
  fields: CredentialField[]
  picker: false
  /** Fails with a `ConnectFailure` code; a session opened before a later step failed is closed. */
  connect(ctx: PluginContext, values: Record<string, string>): Promise<Result<Connection[]>>
  /** Absent when the credentials never expire (`capabilities.tokens.expires: false`: an API key, a webhook URL). */
  refresh?(ctx: AccountContext): Promise<Result<TokenSet>>
  /** Absent when nothing can be revoked at the network (`capabilities.tokens.revocable: false`). */
  revoke?(ctx: AccountContext): Promise<Result<void>>
  /**
   * The plugin's own words for a refused connection, by `ConnectFailure` code or the plugin's own
   * code (`bot_not_admin`), in English and French; the app shows them instead of its generic
   * message. Plain text, no markup.
   */
  messages?: Record<string, { en: string; fr: string }>
}

export type PluginAuth = OAuth2Auth | InstanceOAuth | CredentialsAuth

export interface MediaItem {
  kind: 'image' | 'video'
  mimeType: string
  bytes: number
  width?: number
  height?: number
  durationSeconds?: number
  altText?: string | null
  /** Signed, expiring URL for networks that fetch media themselves (Instagram, Threads, Pinterest). */
  publicUrl?: string
  read(): Promise<Uint8Array>
}

export interface PostDraft<Options = Record<string, unknown>> {
  text: string
  media: MediaItem[]
  options: Options
}

export interface PublishContext<Options = Record<string, unknown>> extends AccountContext {
  post: PostDraft<Options>
  /** Stable for every attempt of one delivery: networks that support it dedupe on it. */
  idempotencyKey: string
}

export interface Published {
  externalId: string
  url: string | null
  /**
   * What a reply needs besides `externalId` to point at this post, when the network asks for
   * more (Bluesky: the record's CID). Stored with the post and handed back in `PostRef`.
   */
  replyRef?: string | null
}

export interface NetworkPlugin<Options = Record<string, unknown>> {
  id: string
  displayName: string
  /** Inline SVG markup of the network's mark, shown in the UI. */
  icon: string
  brandColor: string
  capabilities: Capabilities
  /** Capabilities of one account when they differ by account (a Mastodon instance's own limits). */
  capabilitiesFor?(account: AccountProfile): Capabilities
  /** Base URLs (and any other setting) that config may override. */
  defaults: PluginSettings
  /**
   * The environment variables this plugin reads (SDK v2): checked at boot, listed by
   * `plugins:list`, merged into `settings`. Nothing to edit in `start/env.ts` or `config/plugins.ts`.
   */
  config?: PluginConfigVar[]
  /** Where the server's admin registers the app with the network (shown while setup is missing). */
  consoleUrl?: string
  auth: PluginAuth
  /** Per-post options the composer shows for this network (validated generically before publishing). */
  optionFields: OptionField[]
  /**
   * Choices of an account-sourced select (`source: 'account'`) for this account: its boards,
   * the privacy levels it may use, a subreddit's flairs. `values` holds the post's other
   * options (the chosen board for its sections). A field the plugin does not source answers
   * an error; a read like any other, so failures are values (`unauthorized`, retryable…).
   */
  optionChoices?(
    ctx: AccountContext,
    field: string,
    values: Record<string, unknown>
  ): Promise<Result<OptionChoice[]>>
  /** Network-specific checks on top of the generic capability checks (hashtag counts, required options). */
  validate?(post: PostDraft<Options>): PostIssue[]
  publish(ctx: PublishContext<Options>): Promise<PublishOutcome<Published>>
  checkStatus?(ctx: AccountContext, handle: string): Promise<PublishOutcome<Published>>
  /** Finds a post made with this key (or otherwise recognisable) to resolve an ambiguous publish. */
  findByIdempotencyKey?(ctx: PublishContext<Options>): Promise<Result<Published | null>>
  /** Absent only when `capabilities.stats` is `false` (the network gives no statistics). */
  /**
   * Publishes one follow-up part (sdk/parts.ts): a reply to `ctx.previous` for a `thread` part,
   * a comment under `ctx.root` for a `first_comment`. Required when the capabilities declare
   * `thread` or `firstComment`. Same outcomes as `publish`: `pending` is continued through
   * `checkStatus` with the handle; `ambiguous` is settled through `findPart` before any
   * later part is sent.
   */
  publishPart?(ctx: PublishPartContext<Options>): Promise<PublishOutcome<Published>>
  /**
   * Network-specific checks of one part on top of checkParts' generic ones (an exact count the
   * capabilities' counter only bounds, a media rule). Only the part's text and media are given.
   */
  validatePart?(part: PartDraft): PostIssue[]
  /**
   * Finds a part made with `ctx.idempotencyKey` (or recognisable under `ctx.previous`) after an
   * unanswered `publishPart`; as `findByIdempotencyKey`, judged by `capabilities.reconcile`.
   */
  findPart?(ctx: PublishPartContext<Options>): Promise<Result<Published | null>>
  fetchStats?(
    ctx: AccountContext,
    externalIds: string[]
  ): Promise<Result<Record<string, PostMetrics>>>
  fetchAccountStats?(ctx: AccountContext): Promise<Result<AccountMetrics>>
}

/** Identity helper that gives plugin authors full type checking and inference. */
export function definePlugin<Options = Record<string, unknown>>(plugin: NetworkPlugin<Options>) {
  return plugin
}
