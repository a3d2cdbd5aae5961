import { definePlugin } from '#sdk'
import { tiktokAuth } from './auth.js'
import { tiktokCapabilities, validateTikTokPost } from './capabilities.js'
import { tiktokOptionChoices } from './creator.js'
import { tiktokOptionFields, type TikTokOptions } from './options.js'
import { fetchTikTokAccountStats } from './profile.js'
import { checkTikTokStatus, publishToTikTok } from './publish.js'
import { findTikTokPost } from './reconcile.js'
import { TIKTOK_DEFAULT_LIMITS } from './settings.js'
import { fetchTikTokStats } from './stats.js'
import { TIKTOK_DEFAULT_URLS } from './urls.js'

export default definePlugin<TikTokOptions>({
  id: 'tiktok',
  displayName: 'TikTok',
  brandColor: '#000000',
  icon: '<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M19.59 6.69a4.83 4.83 0 0 1-3.77-4.25V2h-3.45v13.67a2.89 2.89 0 0 1-5.2 1.74 2.89 2.89 0 0 1 2.31-4.64c.3 0 .59.04.86.13V9.4a6.84 6.84 0 0 0-.86-.05A6.33 6.33 0 0 0 5.2 20.1a6.34 6.34 0 0 0 10.86-4.43V8.66a8.16 8.16 0 0 0 4.77 1.52V6.73a4.85 4.85 0 0 1-1.24-.04z"/></svg>',
  capabilities: tiktokCapabilities,
  defaults: { urls: { ...TIKTOK_DEFAULT_URLS }, limits: { ...TIKTOK_DEFAULT_LIMITS } },
  optionFields: tiktokOptionFields,
  optionChoices: tiktokOptionChoices,
  validate: validateTikTokPost,
  auth: tiktokAuth,
  publish: publishToTikTok,
  checkStatus: checkTikTokStatus,
  findByIdempotencyKey: findTikTokPost,
  fetchStats: fetchTikTokStats,
  fetchAccountStats: fetchTikTokAccountStats,
})
