import { definePlugin } from '#sdk'
import { facebookAuth } from './auth.js'
import { facebookCapabilities, validateFacebookPost } from './capabilities.js'
import { findFirstComment, publishFirstComment } from './first_comment.js'
import { FB_DEFAULT_API_VERSION, FB_DEFAULT_URLS } from './graph.js'
import { facebookOptionFields, type FacebookOptions } from './options.js'
import { publishPagePost } from './publish.js'
import { findRecentPagePost } from './reconcile.js'
import { fetchPageStats, fetchPostStats } from './stats.js'
import { checkVideoStatus } from './video.js'

export default definePlugin<FacebookOptions>({
  id: 'facebook',
  displayName: 'Facebook Page',
  brandColor: '#0866FF',
  icon: '<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M24 12.07C24 5.41 18.63 0 12 0S0 5.4 0 12.07C0 18.1 4.39 23.1 10.13 24v-8.44H7.08v-3.49h3.04V9.41c0-3.02 1.8-4.7 4.54-4.7 1.31 0 2.68.24 2.68.24v2.97h-1.5c-1.5 0-1.96.93-1.96 1.89v2.26h3.32l-.53 3.5h-2.8V24C19.62 23.1 24 18.1 24 12.07"/></svg>',
  capabilities: facebookCapabilities,
  defaults: { urls: { ...FB_DEFAULT_URLS }, apiVersion: FB_DEFAULT_API_VERSION },
  optionFields: facebookOptionFields,
  validate: validateFacebookPost,
  auth: facebookAuth,
  publish: publishPagePost,
  checkStatus: checkVideoStatus,
  publishPart: publishFirstComment,
  findPart: findFirstComment,
  findByIdempotencyKey: findRecentPagePost,
  fetchStats: fetchPostStats,
  fetchAccountStats: fetchPageStats,
})
