import { definePlugin } from '#sdk'
import { telegramAuth } from './auth.js'
import { telegramCapabilities, validateTelegramPost } from './capabilities.js'
import { telegramOptionFields, type TelegramOptions } from './options.js'
import { publishPost } from './publish.js'
import { TELEGRAM_DEFAULT_URLS } from './urls.js'

/**
 * Telegram: a bot the user created with @BotFather posts to a channel or group it administers.
 * No statistics, no lookup, no expiry (capabilities.ts): the kit and the app honour each.
 */
export default definePlugin<TelegramOptions>({
  id: 'telegram',
  displayName: 'Telegram',
  brandColor: '#229ED9',
  icon: '<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm4.6 6.8-1.6 7.6c-.1.5-.4.7-.9.4l-2.5-1.8-1.2 1.1c-.1.1-.3.3-.6.3l.2-2.6 4.7-4.2c.2-.2 0-.3-.3-.1l-5.8 3.6-2.5-.8c-.5-.2-.6-.5.1-.8l9.8-3.8c.5-.2.9.1.6 1.1Z"/></svg>',
  capabilities: telegramCapabilities,
  config: [
    {
      env: 'TELEGRAM_API_URL',
      setting: 'urls.api',
      kind: 'url',
      description:
        'A local Bot API server (github.com/tdlib/telegram-bot-api) instead of api.telegram.org',
    },
  ],
  defaults: { urls: { ...TELEGRAM_DEFAULT_URLS } },
  optionFields: telegramOptionFields,
  auth: telegramAuth,
  validate: validateTelegramPost,
  publish: publishPost,
})
