import env from '#start/env'
import { defineConfig, stores } from '@adonisjs/limiter'

/** Redis by default so limits hold across web replicas and restarts. */
const limiterConfig = defineConfig({
  default: env.get('LIMITER_STORE', 'redis'),
  stores: {
    redis: stores.redis({ connectionName: 'main' }),
    memory: stores.memory({}),
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
