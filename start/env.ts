/**
 * The only place environment variables are read and validated. Config files call
 * `env.get`; application code never touches `process.env`.
 */
import { Env } from '@adonisjs/core/env'

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  HOST: Env.schema.string({ format: 'host' }),
  APP_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  APP_KEY: Env.schema.secret(),
  /** Previous APP_KEYs, comma separated: still decrypt, never encrypt. */
  APP_OLD_KEYS: Env.schema.string.optional(),
  LOG_LEVEL: Env.schema.string.optional(),
  DATA_DIR: Env.schema.string.optional(),
  /** Mark session and other cookies `secure` (sent over https only). Default: true in production. */
  COOKIE_SECURE: Env.schema.boolean.optional(),

  SESSION_DRIVER: Env.schema.enum.optional(['cookie', 'redis', 'memory'] as const),

  DB_CONNECTION: Env.schema.enum.optional(['sqlite', 'pg'] as const),
  DATABASE_URL: Env.schema.string.optional(),
  SQLITE_PATH: Env.schema.string.optional(),
  PG_HOST: Env.schema.string.optional({ format: 'host' }),
  PG_PORT: Env.schema.number.optional(),
  PG_USER: Env.schema.string.optional(),
  PG_PASSWORD: Env.schema.secret.optional(),
  PG_DATABASE: Env.schema.string.optional(),

  REDIS_HOST: Env.schema.string.optional({ format: 'host' }),
  REDIS_PORT: Env.schema.number.optional(),
  REDIS_PASSWORD: Env.schema.secret.optional(),
  REDIS_DB: Env.schema.number.optional(),
  QUEUE_PREFIX: Env.schema.string.optional(),

  LIMITER_STORE: Env.schema.enum.optional(['redis', 'memory'] as const),

  MAIL_MAILER: Env.schema.enum.optional(['outbox', 'smtp'] as const),
  MAIL_FROM_ADDRESS: Env.schema.string.optional(),
  MAIL_FROM_NAME: Env.schema.string.optional(),
  SMTP_HOST: Env.schema.string.optional(),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.secret.optional(),

  ACCESS_LOG_RETENTION_DAYS: Env.schema.number.optional(),
  AUDIT_LOG_RETENTION_DAYS: Env.schema.number.optional(),
  WORKER_HEARTBEAT_SECONDS: Env.schema.number.optional(),
  /** Network plugin ids to switch off, comma separated. */
  PLUGINS_DISABLED: Env.schema.string.optional(),
  PLUGINS_HTTP_TIMEOUT_MS: Env.schema.number.optional(),
  X_CLIENT_ID: Env.schema.string.optional(),
  X_CLIENT_SECRET: Env.schema.secret.optional(),
  X_API_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  X_AUTHORIZE_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  BLUESKY_SERVICE_URL: Env.schema.string.optional({ format: 'url', tld: false }),

  FFMPEG_PATH: Env.schema.string.optional(),
  FFPROBE_PATH: Env.schema.string.optional(),
})
