import { definePlugin } from '#sdk'
import { pinterestAuth } from './auth.js'
import { pinterestOptionChoices } from './boards.js'
import { pinterestCapabilities, VIDEO_DEFAULTS } from './capabilities.js'
import { pinterestOptionFields, validatePin, type PinterestOptions } from './options.js'
import { checkPinStatus, publishPin } from './publish.js'
import { findRecentPin } from './reconcile.js'
import { fetchPinStats } from './stats.js'
import { PINTEREST_DEFAULT_URLS } from './urls.js'

export { listBoards, listBoardSections } from './boards.js'

export default definePlugin<PinterestOptions>({
  id: 'pinterest',
  displayName: 'Pinterest',
  brandColor: '#E60023',
  icon: '<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M12 0a12 12 0 0 0-4.37 23.17c-.1-.94-.2-2.4.04-3.44l1.4-5.96s-.35-.71-.35-1.78c0-1.66.97-2.9 2.17-2.9 1.02 0 1.52.77 1.52 1.7 0 1.03-.66 2.57-1 4-.28 1.2.6 2.17 1.78 2.17 2.13 0 3.77-2.25 3.77-5.5 0-2.87-2.06-4.88-5.01-4.88-3.42 0-5.42 2.56-5.42 5.21 0 1.03.4 2.14.89 2.74.1.12.11.22.08.34l-.33 1.36c-.05.22-.18.27-.4.16-1.5-.7-2.43-2.89-2.43-4.65 0-3.78 2.75-7.26 7.92-7.26 4.16 0 7.4 2.97 7.4 6.93 0 4.13-2.61 7.46-6.23 7.46-1.21 0-2.36-.63-2.75-1.38l-.75 2.85c-.27 1.04-1 2.35-1.49 3.15A12 12 0 1 0 12 0z"/></svg>',
  capabilities: pinterestCapabilities,
  defaults: { urls: { ...PINTEREST_DEFAULT_URLS }, ...VIDEO_DEFAULTS },
  optionFields: pinterestOptionFields,
  optionChoices: pinterestOptionChoices,
  validate: validatePin,
  auth: pinterestAuth,
  publish: publishPin,
  checkStatus: checkPinStatus,
  findByIdempotencyKey: findRecentPin,
  fetchStats: fetchPinStats,
})
