import { definePlugin } from '#sdk'
import { THREADS_DEFAULT_API_VERSION, THREADS_DEFAULT_URLS } from './api.js'
import { threadsAuth } from './auth.js'
import { threadsCapabilities, validateThreadsPost } from './capabilities.js'
import { threadsOptionFields, type ThreadsOptions } from './options.js'
import { checkThreadContainer, publishThread, publishThreadReply } from './publish.js'
import { findRecentThread } from './reconcile.js'
import { fetchThreadsAccountStats, fetchThreadStats } from './stats.js'

export default definePlugin<ThreadsOptions>({
  id: 'threads',
  displayName: 'Threads',
  brandColor: '#000000',
  icon: '<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M17.7 11.1l-.3-.1c-.2-3.3-2-5.2-5-5.2h-.1c-1.8 0-3.3.8-4.2 2.2l1.6 1.1c.7-1 1.7-1.2 2.6-1.2h.1c1 0 1.8.3 2.3.9.4.4.6 1 .7 1.8-.8-.1-1.7-.2-2.6-.1-2.6.1-4.3 1.7-4.2 3.8.1 1.1.6 2 1.5 2.6.8.5 1.8.8 2.9.7 1.4-.1 2.5-.6 3.3-1.6.6-.7 1-1.7 1.1-2.9.7.4 1.2.9 1.4 1.5.5 1.1.5 2.9-1 4.4-1.3 1.3-2.9 1.9-5.3 1.9-2.7 0-4.7-.9-6-2.6C5.3 17 4.7 14.8 4.6 12c.1-2.8.7-5 1.9-6.6 1.3-1.7 3.3-2.6 6-2.6 2.7 0 4.8.9 6.1 2.6.7.8 1.2 1.9 1.5 3.1l1.9-.5c-.4-1.5-1-2.8-1.9-3.9C18.4 2 15.8.8 12.5.8h-.1C9.1.8 6.5 2 4.9 4.2 3.4 6.1 2.7 8.7 2.7 12c0 3.3.8 5.9 2.3 7.8 1.7 2.2 4.3 3.4 7.6 3.4h.1c2.9 0 5-.8 6.7-2.5 2.3-2.3 2.2-5.2 1.5-6.9-.6-1.2-1.6-2.2-3.2-2.7zm-5.3 5c-1.2.1-2.4-.5-2.5-1.5 0-.8.6-1.7 2.4-1.8h.6c.7 0 1.3.1 1.9.2-.2 2.7-1.5 3.1-2.4 3.1z"/></svg>',
  capabilities: threadsCapabilities,
  defaults: { urls: { ...THREADS_DEFAULT_URLS }, apiVersion: THREADS_DEFAULT_API_VERSION },
  optionFields: threadsOptionFields,
  validate: validateThreadsPost,
  auth: threadsAuth,
  publish: publishThread,
  checkStatus: checkThreadContainer,
  findByIdempotencyKey: findRecentThread,
  publishPart: publishThreadReply,
  // Threads' exact count (an emoji weighs its UTF-8 bytes) and carousel total, per part too.
  validatePart: (part) => validateThreadsPost({ ...part, options: {} }),
  // A part is recognised like a post: its own text among the profile's latest posts.
  findPart: findRecentThread,
  fetchStats: fetchThreadStats,
  fetchAccountStats: fetchThreadsAccountStats,
})
