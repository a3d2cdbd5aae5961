import { definePlugin } from '#sdk'
import { tumblrAuth } from './auth.js'
import { tumblrCapabilities, validateTumblrPost } from './capabilities.js'
import { tumblrOptionFields, type TumblrOptions } from './options.js'
import { findPostByIdempotencyKey, publishPost } from './publish.js'
import { fetchPostStats } from './stats.js'
import { TUMBLR_DEFAULT_URLS } from './urls.js'

/** Tumblr: NPF posts (paragraphs, images with alt text, a video) on any blog of the user. */
export default definePlugin<TumblrOptions>({
  id: 'tumblr',
  displayName: 'Tumblr',
  brandColor: '#001935',
  icon: '<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M14.6 21c-2.9 0-5-1.5-5-5.1v-5.7H7v-3c2.9-.8 4.1-3.2 4.2-5.2h3v4.7h3.5v3.5h-3.5v4.8c0 1.4.7 1.9 1.9 1.9h1.6V21h-3.1Z"/></svg>',
  capabilities: tumblrCapabilities,
  config: [
    {
      env: 'TUMBLR_CLIENT_ID',
      setting: 'clientId',
      kind: 'string',
      required: true,
      description: 'The OAuth consumer key of the app registered at tumblr.com/oauth/apps',
    },
    {
      env: 'TUMBLR_CLIENT_SECRET',
      setting: 'clientSecret',
      kind: 'secret',
      required: true,
      description: 'Its OAuth consumer secret',
    },
  ],
  consoleUrl: 'https://www.tumblr.com/oauth/apps',
  defaults: { urls: { ...TUMBLR_DEFAULT_URLS } },
  optionFields: tumblrOptionFields,
  auth: tumblrAuth,
  validate: validateTumblrPost,
  publish: publishPost,
  findByIdempotencyKey: findPostByIdempotencyKey,
  fetchStats: fetchPostStats,
})
