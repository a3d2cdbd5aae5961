import { definePlugin } from '#sdk'
import { googleBusinessAuth } from './auth.js'
import { googleBusinessCapabilities } from './capabilities.js'
import {
  googleBusinessOptionFields,
  validateGoogleBusinessPost,
  type GoogleBusinessOptions,
} from './options.js'
import { findPostByIdempotencyKey, publishPost } from './publish.js'
import { GOOGLE_BUSINESS_DEFAULT_URLS } from './urls.js'

/** Google Business Profile: local posts (text, a photo, a button) on the locations a user manages. */
export default definePlugin<GoogleBusinessOptions>({
  id: 'google-business',
  displayName: 'Google Business Profile',
  brandColor: '#1A73E8',
  icon: '<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M4 4h16l1.5 5a3 3 0 0 1-5 2.2 3 3 0 0 1-5 0 3 3 0 0 1-5 0A3 3 0 0 1 2.5 9L4 4Zm1 9.2a4.9 4.9 0 0 0 2 .3V20h10v-6.5c.7 0 1.4-.1 2-.3V21a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-7.8Zm7 1.3h4.5c0 2.6-1.8 4.5-4.5 4.5a4.5 4.5 0 1 1 3.1-7.8l-1.2 1.2A2.8 2.8 0 0 0 12 16.5c1.2 0 2-.6 2.3-1.5H12v-.5Z"/></svg>',
  capabilities: googleBusinessCapabilities,
  config: [
    {
      env: 'GOOGLE_BUSINESS_CLIENT_ID',
      setting: 'clientId',
      kind: 'string',
      required: true,
      description:
        'OAuth client id of a Google Cloud project with the Business Profile APIs enabled',
    },
    {
      env: 'GOOGLE_BUSINESS_CLIENT_SECRET',
      setting: 'clientSecret',
      kind: 'secret',
      required: true,
      description: 'Its OAuth client secret',
    },
  ],
  consoleUrl: 'https://console.cloud.google.com/apis/credentials',
  defaults: { urls: { ...GOOGLE_BUSINESS_DEFAULT_URLS } },
  optionFields: googleBusinessOptionFields,
  auth: googleBusinessAuth,
  validate: validateGoogleBusinessPost,
  publish: publishPost,
  findByIdempotencyKey: findPostByIdempotencyKey,
})
