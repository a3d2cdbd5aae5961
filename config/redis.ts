import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/redis'
import type { InferConnections } from '@adonisjs/redis/types'

/** Tests use their own Redis database so a run never touches a developer's queues or sessions. */
export const redisConnection = {
  host: env.get('REDIS_HOST', '127.0.0.1'),
  port: env.get('REDIS_PORT', 6379),
  password: env.get('REDIS_PASSWORD')?.release(),
  db: env.get('REDIS_DB', app.inTest ? 1 : 0),
}

const redisConfig = defineConfig({
  connection: 'main',
  connections: {
    main: {
      ...redisConnection,
      keyPrefix: '',
      // Commands issued in the same tick leave in one write: a burst's publish jobs each take
      // and free a slot, and those round trips were one socket write each.
      enableAutoPipelining: true,
      retryStrategy: (times: number) => (times > 10 ? null : times * 50),
    },
  },
})

export default redisConfig

declare module '@adonisjs/redis/types' {
  export interface RedisConnections extends InferConnections<typeof redisConfig> {}
}
