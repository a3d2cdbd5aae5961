import { definePlugin } from '#sdk'
import { youtubeAuth } from './auth.js'
import { youtubeOptionChoices } from './categories.js'
import { VIDEO_DEFAULTS, youtubeCapabilities } from './capabilities.js'
import { findFirstComment, publishFirstComment } from './first_comment.js'
import { validateVideo, youtubeOptionFields, type YouTubeOptions } from './options.js'
import { checkVideoStatus, publishVideo } from './publish.js'
import { findRecentVideo } from './reconcile.js'
import { fetchVideoStats } from './stats.js'
import { DEFAULT_CHUNK_BYTES } from './upload.js'
import { YOUTUBE_DEFAULT_URLS } from './urls.js'

export default definePlugin<YouTubeOptions>({
  id: 'youtube',
  displayName: 'YouTube',
  brandColor: '#FF0000',
  icon: '<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M23.5 6.19a3.02 3.02 0 0 0-2.12-2.14C19.5 3.55 12 3.55 12 3.55s-7.5 0-9.38.5A3.02 3.02 0 0 0 .5 6.19C0 8.07 0 12 0 12s0 3.93.5 5.81a3.02 3.02 0 0 0 2.12 2.14c1.88.5 9.38.5 9.38.5s7.5 0 9.38-.5a3.02 3.02 0 0 0 2.12-2.14C24 15.93 24 12 24 12s0-3.93-.5-5.81zM9.55 15.57V8.43L15.82 12l-6.27 3.57z"/></svg>',
  capabilities: youtubeCapabilities,
  defaults: {
    urls: { ...YOUTUBE_DEFAULT_URLS },
    uploadChunkBytes: DEFAULT_CHUNK_BYTES,
    ...VIDEO_DEFAULTS,
  },
  optionFields: youtubeOptionFields,
  optionChoices: youtubeOptionChoices,
  validate: (post) => validateVideo(post),
  auth: youtubeAuth,
  publish: publishVideo,
  checkStatus: checkVideoStatus,
  publishPart: publishFirstComment,
  findPart: findFirstComment,
  findByIdempotencyKey: findRecentVideo,
  fetchStats: fetchVideoStats,
})
