import { definePlugin } from '#sdk'
import { lemmyAuth } from './auth.js'
import { lemmyCapabilities } from './capabilities.js'
import { lemmyOptionFields, validateLemmyPost, type LemmyOptions } from './options.js'
import { findPostByIdempotencyKey, publishPost } from './publish.js'
import { fetchPostStats } from './stats.js'
import { LEMMY_DEFAULT_URLS } from './urls.js'

/** Lemmy: any instance, a login token, posts (title, body, one image) to a community. */
export default definePlugin<LemmyOptions>({
  id: 'lemmy',
  displayName: 'Lemmy',
  brandColor: '#00BC8C',
  icon: '<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M12 3c-4.4 0-8 2.9-8 7.2 0 2.3 1 4.2 2.7 5.5L5 20.5l3.8-2.2c1 .3 2.1.5 3.2.5s2.2-.2 3.2-.5l3.8 2.2-1.7-4.8c1.7-1.3 2.7-3.2 2.7-5.5C20 5.9 16.4 3 12 3Zm-3.2 8.4a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6Zm6.4 0a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6ZM12 14.6c-1.2 0-2.2-.5-2.7-1.2h5.4c-.5.7-1.5 1.2-2.7 1.2Z"/></svg>',
  capabilities: lemmyCapabilities,
  config: [
    {
      env: 'LEMMY_INSTANCE_URL',
      setting: 'urls.instance',
      kind: 'url',
      description: 'The instance the connect form proposes (each user may name another)',
    },
  ],
  defaults: { urls: { ...LEMMY_DEFAULT_URLS } },
  optionFields: lemmyOptionFields,
  auth: lemmyAuth,
  validate: validateLemmyPost,
  publish: publishPost,
  findByIdempotencyKey: findPostByIdempotencyKey,
  fetchStats: fetchPostStats,
})
