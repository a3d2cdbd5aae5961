import env from '#start/env'
import { defineConfig, stores } from '@adonisjs/limiter'

/**
 * Redis by default so limits hold across web replicas and restarts. Counters live under
 * QUEUE_PREFIX with the app's other keys (app/services/redis_keys.ts).
 */
const limiterConfig = defineConfig({
  default: env.get('LIMITER_STORE', 'redis'),
  stores: {
    redis: stores.redis({
      connectionName: 'main',
      keyPrefix: `${env.get('QUEUE_PREFIX', 'pistache')}:limits`,
    }),
    memory: stores.memory({}),
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
