import env from '#start/env'
import { defineConfig } from '@adonisjs/transmit'
// The per-transport entry point: the combined one also loads the MQTT transport, whose package we do not install.
import { redis } from '@adonisjs/transmit/transports/redis'
import { redisConnection } from '#config/redis'

/**
 * Server-Sent Events. Publishing happens in the worker process; the Redis transport carries
 * its broadcasts to every web process, which writes them to the browsers subscribed there.
 * Redis pub/sub ignores the database number, so the bus channel carries the queue prefix to
 * keep installs and parallel test runs on one Redis apart.
 */
export default defineConfig({
  // Proxies close idle connections; a comment line every 25 s keeps the stream open.
  pingInterval: '25s',
  transport: {
    driver: redis({ ...redisConnection, keyPrefix: '' }),
    channel: `${env.get('QUEUE_PREFIX', 'pistache')}:transmit`,
  },
})
