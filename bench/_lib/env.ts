/**
 * Settings shared by every benchmark, applied before the app boots (start/env.ts reads
 * process.env first). Each run gets its own PostgreSQL database, Redis database and queue
 * prefix, so it never touches a developer's data or another engineer's test run:
 *   BENCH_PG_DATABASE (pistache_bench) · BENCH_REDIS_DB (8) · BENCH_QUEUE_PREFIX (pistache-bench)
 * Only 127.0.0.1 is ever contacted.
 */
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const TMP = `${ROOT}tmp/bench`

const forced: Record<string, string> = {
  DB_CONNECTION: 'pg',
  PG_HOST: process.env.BENCH_PG_HOST ?? '127.0.0.1',
  PG_PORT: process.env.BENCH_PG_PORT ?? '5432',
  PG_USER: process.env.BENCH_PG_USER ?? 'postgres',
  PG_DATABASE: process.env.BENCH_PG_DATABASE ?? 'pistache_bench',
  REDIS_HOST: '127.0.0.1',
  REDIS_PORT: process.env.BENCH_REDIS_PORT ?? '6379',
  REDIS_DB: process.env.BENCH_REDIS_DB ?? '8',
  QUEUE_PREFIX: process.env.BENCH_QUEUE_PREFIX ?? 'pistache-bench',
  DATA_DIR: `${TMP}/data`,
}
const defaults: Record<string, string> = {
  NODE_ENV: 'development',
  HOST: '127.0.0.1',
  PORT: '3398',
  // Encrypts only the benchmark's own throw-away tokens.
  APP_KEY: 'bench-only-key-0123456789abcdef0123456789abcdef',
  LOG_LEVEL: 'warn',
  SESSION_DRIVER: 'memory',
  LIMITER_STORE: 'memory',
  MAIL_MAILER: 'outbox',
  TZ: 'UTC',
}

export function applyBenchEnv() {
  // A DATABASE_URL or SQLITE_PATH in the shell would point the benchmark at someone's data.
  delete process.env.DATABASE_URL
  delete process.env.SQLITE_PATH
  Object.assign(process.env, forced)
  for (const [key, value] of Object.entries(defaults)) process.env[key] ??= value
  return { ...process.env }
}

applyBenchEnv()
