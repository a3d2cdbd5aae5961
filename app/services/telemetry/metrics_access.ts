import { timingSafeEqual, createHash } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import type { MetricsConfig } from '#config/metrics'

/** The metrics settings, read at call time (tests switch metrics on by setting a token). */
export const metricsConfig = () => app.config.get<MetricsConfig>('metrics')

/** Whether an `Authorization` header carries the metrics token (constant-time). */
export function hasMetricsToken(header: string | undefined | null, token: string) {
  const given = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim() ?? ''
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return given.length > 0 && timingSafeEqual(digest(given), digest(token))
}
