import { definePlugin } from '#sdk'
import { xAuth } from './auth.js'
import { validateXPost, xCapabilities } from './capabilities.js'
import { xOptionFields, type XOptions } from './options.js'
import { checkTweetStatus, publishTweet, publishTweetReply } from './publish.js'
import { findRecentTweet } from './reconcile.js'
import { fetchTweetStats, fetchXAccountStats } from './stats.js'
import { X_DEFAULT_URLS } from './urls.js'

export default definePlugin<XOptions>({
  id: 'x',
  displayName: 'X',
  brandColor: '#000000',
  icon: '<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M18.244 2.25h3.308l-7.227 8.26 8.502 11.24H16.17l-5.214-6.817L4.99 21.75H1.68l7.73-8.835L1.254 2.25H8.08l4.713 6.231zm-1.161 17.52h1.833L7.084 4.126H5.117z"/></svg>',
  capabilities: xCapabilities,
  defaults: { urls: { ...X_DEFAULT_URLS } },
  optionFields: xOptionFields,
  validate: validateXPost,
  auth: xAuth,
  publish: publishTweet,
  checkStatus: checkTweetStatus,
  findByIdempotencyKey: findRecentTweet,
  publishPart: publishTweetReply,
  // One GIF alone, per part as per post.
  validatePart: (part) => validateXPost({ ...part, options: {} }),
  // A part is recognised like a post: its own text among the account's latest posts.
  findPart: findRecentTweet,
  fetchStats: fetchTweetStats,
  fetchAccountStats: fetchXAccountStats,
})
