import app from '@adonisjs/core/services/app'
import { outboundPolicy } from '#sdk'
import type { OutboundConfig } from '#config/outbound'

/**
 * The app's handle on the SDK's outbound address policy (one per process, shared with every
 * plugin's HTTP client): the operator's private allow-list is applied once, here.
 */
for (const target of app.config.get<OutboundConfig>('outbound').allowPrivate)
  outboundPolicy.allow(target)

export default outboundPolicy
