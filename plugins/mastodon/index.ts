import { definePlugin } from '#sdk'
import { mastodonAuth } from './auth.js'
import { instanceCapabilities, mastodonCapabilities } from './capabilities.js'
import { mastodonOptionFields, type MastodonOptions } from './options.js'
import { findRecentStatus, publishStatus, publishStatusReply } from './publish.js'
import { fetchAccountStats, fetchStatusStats } from './stats.js'

export default definePlugin<MastodonOptions>({
  id: 'mastodon',
  displayName: 'Mastodon',
  brandColor: '#6364FF',
  icon: '<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M21.3 13.9c-.3 1.6-2.8 3.3-5.6 3.6-1.5.2-2.9.3-4.4.3-2.5-.1-4.4-.6-4.4-.6v.7c.3 2.4 2.4 2.6 4.3 2.6 2 .1 3.7-.5 3.7-.5l.1 1.8s-1.4.8-3.8.9c-1.3.1-3 0-4.9-.5-4.2-1.1-4.9-5.5-5-10V7.3c0-4.5 2.9-5.8 2.9-5.8C5.7.8 8.1.5 10.6.5h.1c2.5 0 4.9.3 6.4 1 0 0 2.9 1.3 2.9 5.8 0 0 0 3.3-.4 5.6h1.7zm-3-5.2c0-1.1-.3-2-.9-2.7-.6-.7-1.4-1-2.3-1-1.1 0-2 .4-2.5 1.3l-.5.9-.5-.9c-.6-.9-1.4-1.3-2.5-1.3-1 0-1.7.3-2.3 1-.6.7-.9 1.6-.9 2.7V14h2.1V8.8c0-1.1.5-1.7 1.4-1.7 1 0 1.5.7 1.5 1.9v2.9h2.1V9c0-1.3.5-1.9 1.5-1.9.9 0 1.4.6 1.4 1.7V14h2.1V8.7z"/></svg>',
  capabilities: mastodonCapabilities,
  capabilitiesFor: instanceCapabilities,
  // No fixed host: every base URL is the instance the user names.
  defaults: { urls: {} },
  optionFields: mastodonOptionFields,
  auth: mastodonAuth,
  publish: publishStatus,
  findByIdempotencyKey: findRecentStatus,
  publishPart: publishStatusReply,
  // A part is recognised like a post: its own text among the account's latest statuses.
  findPart: findRecentStatus,
  fetchStats: fetchStatusStats,
  fetchAccountStats,
})
