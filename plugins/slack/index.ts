import { definePlugin } from '#sdk'
import { slackAuth } from './auth.js'
import { slackCapabilities, validateSlackPost } from './capabilities.js'
import { slackOptionFields, type SlackOptions } from './options.js'
import { findPostByIdempotencyKey, publishPost } from './publish.js'
import { fetchPostStats } from './stats.js'
import { SLACK_DEFAULT_URLS } from './urls.js'

/** Slack: an app installed in a workspace posts messages with images to the channel chosen. */
export default definePlugin<SlackOptions>({
  id: 'slack',
  displayName: 'Slack',
  brandColor: '#4A154B',
  icon: '<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M5.1 15.2a2.1 2.1 0 1 1-2.1-2.1h2.1v2.1Zm1.1 0a2.1 2.1 0 1 1 4.2 0v5.3a2.1 2.1 0 1 1-4.2 0v-5.3ZM8.3 5.1a2.1 2.1 0 1 1 2.1-2.1v2.1H8.3Zm0 1.1a2.1 2.1 0 1 1 0 4.2H3a2.1 2.1 0 1 1 0-4.2h5.3Zm10.6 2.1a2.1 2.1 0 1 1 2.1 2.1h-2.1V8.3Zm-1.1 0a2.1 2.1 0 1 1-4.2 0V3a2.1 2.1 0 1 1 4.2 0v5.3Zm-2.1 10.6a2.1 2.1 0 1 1-2.1 2.1v-2.1h2.1Zm0-1.1a2.1 2.1 0 1 1 0-4.2H21a2.1 2.1 0 1 1 0 4.2h-5.3Z"/></svg>',
  capabilities: slackCapabilities,
  config: [
    {
      env: 'SLACK_CLIENT_ID',
      setting: 'clientId',
      kind: 'string',
      required: true,
      description: 'The Slack app’s Client ID (Basic Information → App Credentials)',
    },
    {
      env: 'SLACK_CLIENT_SECRET',
      setting: 'clientSecret',
      kind: 'secret',
      required: true,
      description: 'The Slack app’s Client Secret',
    },
  ],
  consoleUrl: 'https://api.slack.com/apps',
  defaults: { urls: { ...SLACK_DEFAULT_URLS } },
  optionFields: slackOptionFields,
  auth: slackAuth,
  validate: validateSlackPost,
  publish: publishPost,
  findByIdempotencyKey: findPostByIdempotencyKey,
  fetchStats: fetchPostStats,
})
