import { definePlugin } from '#sdk'
import { blueskyAuth } from './auth.js'
import { blueskyCapabilities } from './capabilities.js'
import { blueskyOptionFields, validateBlueskyPost, type BlueskyOptions } from './options.js'
import { findPostByKey, publishPost, publishReply } from './publish.js'
import { fetchAccountStats, fetchPostStats } from './stats.js'
import { DEFAULT_SERVICE } from './xrpc.js'

export default definePlugin<BlueskyOptions>({
  id: 'bluesky',
  displayName: 'Bluesky',
  brandColor: '#1185FE',
  icon: '<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M5.2 3.2C7.9 5.2 10.9 9.4 12 11.7c1.1-2.3 4.1-6.5 6.8-8.5 2-1.5 5.2-2.6 5.2 1 0 .7-.4 6.1-.7 7-.9 3.1-4.1 3.9-6.9 3.4 4.9.8 6.2 3.6 3.5 6.4-5.1 5.2-7.3-1.3-7.9-3l-.1-.3-.1.3c-.6 1.7-2.8 8.2-7.9 3-2.7-2.8-1.4-5.6 3.5-6.4-2.8.5-6-.3-6.9-3.4C.4 10.3 0 4.9 0 4.2c0-3.6 3.2-2.5 5.2-1z"/></svg>',
  capabilities: blueskyCapabilities,
  // The entryway the connect form suggests; each account then talks to its own PDS (profile meta).
  defaults: { urls: { service: DEFAULT_SERVICE } },
  optionFields: blueskyOptionFields,
  validate: validateBlueskyPost,
  auth: blueskyAuth,
  publish: publishPost,
  findByIdempotencyKey: findPostByKey,
  publishPart: publishReply,
  // A part's record key comes from its own idempotency key: the lookup is as exact as for posts.
  findPart: findPostByKey,
  fetchStats: fetchPostStats,
  fetchAccountStats,
})
