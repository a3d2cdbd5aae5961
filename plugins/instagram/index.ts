import { definePlugin } from '#sdk'
import { instagramAuth } from './auth.js'
import { instagramCapabilities, validateInstagramPost } from './capabilities.js'
import { findFirstComment, publishFirstComment } from './first_comment.js'
import { IG_DEFAULT_API_VERSION, IG_DEFAULT_URLS } from './graph.js'
import { instagramOptionFields, type InstagramOptions } from './options.js'
import { checkContainer, publishMedia } from './publish.js'
import { findRecentMedia } from './reconcile.js'
import { fetchInstagramAccountStats, fetchMediaStats } from './stats.js'

export default definePlugin<InstagramOptions>({
  id: 'instagram',
  displayName: 'Instagram',
  brandColor: '#E4405F',
  icon: '<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M12 2.16c3.2 0 3.58.01 4.85.07 1.17.05 1.8.25 2.23.41.56.22.96.48 1.38.9.42.42.68.82.9 1.38.16.42.36 1.06.41 2.23.06 1.27.07 1.65.07 4.85s-.01 3.58-.07 4.85c-.05 1.17-.25 1.8-.41 2.23-.22.56-.48.96-.9 1.38-.42.42-.82.68-1.38.9-.42.16-1.06.36-2.23.41-1.27.06-1.65.07-4.85.07s-3.58-.01-4.85-.07c-1.17-.05-1.8-.25-2.23-.41a3.7 3.7 0 0 1-1.38-.9 3.7 3.7 0 0 1-.9-1.38c-.16-.42-.36-1.06-.41-2.23C2.17 15.58 2.16 15.2 2.16 12s.01-3.58.07-4.85c.05-1.17.25-1.8.41-2.23.22-.56.48-.96.9-1.38.42-.42.82-.68 1.38-.9.42-.16 1.06-.36 2.23-.41C8.42 2.17 8.8 2.16 12 2.16M12 0C8.74 0 8.33.01 7.05.07 5.78.13 4.9.33 4.14.63c-.79.3-1.46.72-2.13 1.38A5.9 5.9 0 0 0 .63 4.14C.33 4.9.13 5.78.07 7.05.01 8.33 0 8.74 0 12s.01 3.67.07 4.95c.06 1.27.26 2.15.56 2.91.3.79.72 1.46 1.38 2.13a5.9 5.9 0 0 0 2.13 1.38c.76.3 1.64.5 2.91.56C8.33 23.99 8.74 24 12 24s3.67-.01 4.95-.07c1.27-.06 2.15-.26 2.91-.56a5.9 5.9 0 0 0 2.13-1.38 5.9 5.9 0 0 0 1.38-2.13c.3-.76.5-1.64.56-2.91.06-1.28.07-1.69.07-4.95s-.01-3.67-.07-4.95c-.06-1.27-.26-2.15-.56-2.91a5.9 5.9 0 0 0-1.38-2.13A5.9 5.9 0 0 0 19.86.63C19.1.33 18.22.13 16.95.07 15.67.01 15.26 0 12 0m0 5.84a6.16 6.16 0 1 0 0 12.32 6.16 6.16 0 0 0 0-12.32M12 16a4 4 0 1 1 0-8 4 4 0 0 1 0 8m6.4-11.85a1.44 1.44 0 1 0 0 2.88 1.44 1.44 0 0 0 0-2.88"/></svg>',
  capabilities: instagramCapabilities,
  defaults: { urls: { ...IG_DEFAULT_URLS }, apiVersion: IG_DEFAULT_API_VERSION },
  optionFields: instagramOptionFields,
  validate: validateInstagramPost,
  auth: instagramAuth,
  publish: publishMedia,
  checkStatus: checkContainer,
  publishPart: publishFirstComment,
  findPart: findFirstComment,
  findByIdempotencyKey: findRecentMedia,
  fetchStats: fetchMediaStats,
  fetchAccountStats: fetchInstagramAccountStats,
})
