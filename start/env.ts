/**
 * The only place environment variables are read and validated. Config files call
 * `env.get`; application code never touches `process.env`.
 */
import { Env } from '@adonisjs/core/env'
import { appKeyFromEnvOrFile, optionalSecretFromEnvOrFile } from '#start/env_secrets'

const appRoot = new URL('../', import.meta.url)

export default await Env.create(appRoot, {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  HOST: Env.schema.string({ format: 'host' }),
  APP_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  /** When unset, read from APP_KEY_FILE (default `$DATA_DIR/.app_key`, written by the Docker entry point). */
  APP_KEY: appKeyFromEnvOrFile(appRoot),
  /** File holding the key when APP_KEY is unset (the Docker entry point writes `$DATA_DIR/.app_key`). */
  APP_KEY_FILE: Env.schema.string.optional(),
  /** Previous APP_KEYs, comma separated: still decrypt, never encrypt. */
  APP_OLD_KEYS: Env.schema.string.optional(),
  LOG_LEVEL: Env.schema.string.optional(),
  DATA_DIR: Env.schema.string.optional(),
  /** Reverse proxies whose X-Forwarded-For is believed: IPs or CIDRs, comma separated. Default none. */
  TRUSTED_PROXIES: Env.schema.string.optional(),
  /** Mark session and other cookies `secure` (sent over https only). Default: true in production. */
  COOKIE_SECURE: Env.schema.boolean.optional(),

  SESSION_DRIVER: Env.schema.enum.optional(['cookie', 'redis', 'memory'] as const),

  /** Who may create an account from the sign-up page. Default: `invite` in production, else `open`. */
  SIGNUP_MODE: Env.schema.enum.optional(['open', 'invite', 'closed'] as const),

  DB_CONNECTION: Env.schema.enum.optional(['sqlite', 'pg'] as const),
  DATABASE_URL: Env.schema.string.optional(),
  SQLITE_PATH: Env.schema.string.optional(),
  PG_HOST: Env.schema.string.optional({ format: 'host' }),
  PG_PORT: Env.schema.number.optional(),
  PG_USER: Env.schema.string.optional(),
  /** When unset, read from PG_PASSWORD_FILE if that is set (compose's generated password). */
  PG_PASSWORD: optionalSecretFromEnvOrFile(appRoot, 'PG_PASSWORD_FILE'),
  PG_PASSWORD_FILE: Env.schema.string.optional(),
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
  /** Days an unconfirmed sign-up (name, address, password hash) is kept before the daily purge removes it. */
  PENDING_SIGNUP_RETENTION_DAYS: Env.schema.number.optional(),
  WORKER_HEARTBEAT_SECONDS: Env.schema.number.optional(),
  /** Bearer token of GET /metrics (Prometheus). Unset: no metrics are collected and /metrics is 404. */
  METRICS_TOKEN: Env.schema.secret.optional(),
  /** A worker serves its own /metrics on this port (same token); unset: none. */
  METRICS_PORT: Env.schema.number.optional(),
  /** Address the worker's metrics port listens on (default 127.0.0.1; 0.0.0.0 in a container). */
  METRICS_HOST: Env.schema.string.optional({ format: 'host' }),
  /** Also mark each heartbeat written to Redis in this file (the worker's pid; its time is the beat's): a container healthcheck reads it without starting Node. */
  WORKER_HEARTBEAT_FILE: Env.schema.string.optional(),
  /** Whole-shutdown deadline of a web or worker process after SIGTERM/SIGINT, in seconds. */
  SHUTDOWN_TIMEOUT_SECONDS: Env.schema.number.optional(),
  /** Network plugin ids to switch off, comma separated. */
  PLUGINS_DISABLED: Env.schema.string.optional(),
  PLUGINS_HTTP_TIMEOUT_MS: Env.schema.number.optional(),
  /** Exact host:port targets on a private network that user-chosen URLs may reach, comma separated. */
  OUTBOUND_ALLOW_PRIVATE: Env.schema.string.optional(),
  X_CLIENT_ID: Env.schema.string.optional(),
  X_CLIENT_SECRET: Env.schema.secret.optional(),
  X_API_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  X_AUTHORIZE_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  BLUESKY_SERVICE_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  BLUESKY_WEB_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  /** A service reference for the atproto-proxy header: did:web:host#bsky_appview. */
  BLUESKY_APPVIEW: (key: string, value?: string) => {
    if (value && !/^did:[a-z]+:[A-Za-z0-9._:%-]+#[A-Za-z0-9_-]+$/.test(value))
      throw new Error(`${key} must look like did:web:appview.example.com#bsky_appview`)
    return value || undefined
  },
  /** One Meta app serves Facebook Pages and Instagram. */
  META_APP_ID: Env.schema.string.optional(),
  META_APP_SECRET: Env.schema.secret.optional(),
  META_GRAPH_VERSION: Env.schema.string.optional(),
  THREADS_APP_ID: Env.schema.string.optional(),
  THREADS_APP_SECRET: Env.schema.secret.optional(),
  LINKEDIN_CLIENT_ID: Env.schema.string.optional(),
  LINKEDIN_CLIENT_SECRET: Env.schema.secret.optional(),
  LINKEDIN_API_VERSION: Env.schema.string.optional(),
  GOOGLE_CLIENT_ID: Env.schema.string.optional(),
  GOOGLE_CLIENT_SECRET: Env.schema.secret.optional(),
  PINTEREST_CLIENT_ID: Env.schema.string.optional(),
  PINTEREST_CLIENT_SECRET: Env.schema.secret.optional(),
  TIKTOK_CLIENT_KEY: Env.schema.string.optional(),
  TIKTOK_CLIENT_SECRET: Env.schema.secret.optional(),
  REDDIT_CLIENT_ID: Env.schema.string.optional(),
  REDDIT_CLIENT_SECRET: Env.schema.secret.optional(),
  /** Reddit asks for a descriptive User-Agent naming the operator: `web:pistache-postiz:1.0 (by /u/you)`. */
  REDDIT_USER_AGENT: Env.schema.string.optional(),

  FFMPEG_PATH: Env.schema.string.optional(),
  FFPROBE_PATH: Env.schema.string.optional(),

  /** Where media files live: `local` (DATA_DIR/media, default) or `s3` (any S3-compatible store). */
  MEDIA_DISK: Env.schema.enum.optional(['local', 's3'] as const),
  MEDIA_MAX_IMAGE_MB: Env.schema.number.optional(),
  MEDIA_MAX_VIDEO_MB: Env.schema.number.optional(),
  MEDIA_MAX_IMAGE_MEGAPIXELS: Env.schema.number.optional(),
  MEDIA_MAX_VIDEO_SECONDS: Env.schema.number.optional(),
  /** Keep EXIF/GPS metadata of uploaded images (default: stripped). */
  MEDIA_KEEP_METADATA: Env.schema.boolean.optional(),
  MEDIA_TRANSCODE_TIMEOUT_SECONDS: Env.schema.number.optional(),
  MEDIA_IMPORT_MAX_MB: Env.schema.number.optional(),
  MEDIA_IMPORT_TIMEOUT_SECONDS: Env.schema.number.optional(),
  S3_BUCKET: Env.schema.string.optional(),
  S3_REGION: Env.schema.string.optional(),
  S3_ENDPOINT: Env.schema.string.optional({ format: 'url', tld: false }),
  S3_ACCESS_KEY_ID: Env.schema.string.optional(),
  S3_SECRET_ACCESS_KEY: Env.schema.secret.optional(),
  /** Path-style addressing (MinIO, most self-hosted S3 servers). */
  S3_FORCE_PATH_STYLE: Env.schema.boolean.optional(),
})
