import { definePlugin } from '#sdk'
import { discordAuth } from './auth.js'
import { discordCapabilities } from './capabilities.js'
import { discordOptionFields, type DiscordOptions } from './options.js'
import { publishPost } from './publish.js'
import { fetchPostStats } from './stats.js'
import { DISCORD_DEFAULT_URLS } from './urls.js'

/** Discord: a channel's webhook posts text, images and videos; reactions are read back. */
export default definePlugin<DiscordOptions>({
  id: 'discord',
  displayName: 'Discord',
  brandColor: '#5865F2',
  icon: '<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M19.3 5.3A16.6 16.6 0 0 0 15.2 4l-.5 1a15.4 15.4 0 0 0-5.4 0l-.5-1a16.6 16.6 0 0 0-4.1 1.3C2 9.3 1.3 13.2 1.6 17a16.8 16.8 0 0 0 5.1 2.6l1.1-1.8c-.6-.2-1.2-.5-1.7-.8l.4-.3a11.9 11.9 0 0 0 11 0l.4.3c-.5.3-1.1.6-1.7.8l1.1 1.8a16.8 16.8 0 0 0 5.1-2.6c.4-4.4-.7-8.3-3.1-11.7ZM8.7 14.7c-1 0-1.8-.9-1.8-2s.8-2 1.8-2 1.8.9 1.8 2-.8 2-1.8 2Zm6.6 0c-1 0-1.8-.9-1.8-2s.8-2 1.8-2 1.8.9 1.8 2-.8 2-1.8 2Z"/></svg>',
  capabilities: discordCapabilities,
  config: [
    {
      env: 'DISCORD_API_URL',
      setting: 'urls.api',
      kind: 'url',
      description: 'Another API base (a proxy) instead of https://discord.com/api/v10',
    },
  ],
  defaults: { urls: { ...DISCORD_DEFAULT_URLS } },
  optionFields: discordOptionFields,
  auth: discordAuth,
  publish: publishPost,
  fetchStats: fetchPostStats,
})
