import { definePlugin } from '#sdk'
import { linkedinAuth } from './auth.js'
import { linkedinCapabilities, VIDEO_DEFAULTS } from './capabilities.js'
import { findFirstComment, publishFirstComment } from './first_comment.js'
import { linkedinOptionFields, type LinkedInOptions } from './options.js'
import { checkPostStatus, publishPost } from './publish.js'
import { findRecentPost } from './reconcile.js'
import { fetchPostStats } from './stats.js'
import { DEFAULT_API_VERSION, LINKEDIN_DEFAULT_URLS } from './urls.js'

export default definePlugin<LinkedInOptions>({
  id: 'linkedin',
  displayName: 'LinkedIn',
  brandColor: '#0A66C2',
  icon: '<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M20.45 20.45h-3.56v-5.57c0-1.33-.03-3.04-1.85-3.04-1.85 0-2.14 1.45-2.14 2.94v5.67H9.35V9h3.41v1.56h.05c.48-.9 1.64-1.85 3.37-1.85 3.6 0 4.27 2.37 4.27 5.46v6.28zM5.34 7.43a2.06 2.06 0 1 1 0-4.13 2.06 2.06 0 0 1 0 4.13zM7.12 20.45H3.56V9h3.56v11.45zM22.22 0H1.77C.79 0 0 .77 0 1.73v20.54C0 23.23.79 24 1.77 24h20.45c.98 0 1.78-.77 1.78-1.73V1.73C24 .77 23.2 0 22.22 0z"/></svg>',
  capabilities: linkedinCapabilities,
  defaults: {
    urls: { ...LINKEDIN_DEFAULT_URLS },
    apiVersion: DEFAULT_API_VERSION,
    ...VIDEO_DEFAULTS,
  },
  optionFields: linkedinOptionFields,
  auth: linkedinAuth,
  publish: publishPost,
  checkStatus: checkPostStatus,
  publishPart: publishFirstComment,
  findPart: findFirstComment,
  findByIdempotencyKey: findRecentPost,
  fetchStats: fetchPostStats,
})
