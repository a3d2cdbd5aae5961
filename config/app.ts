import { isAbsolute } from 'node:path'
import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/core/http'
import { dataPath } from '#config/paths'
import { trustedProxies } from '#services/trusted_proxies'

/** Signs cookies and URLs and keys the encryption of stored secrets: losing it loses every token. */
export const appKey = env.get('APP_KEY')

/** Where a generated APP_KEY is kept (APP_KEY_FILE, default DATA_DIR/.app_key); backups carry it. */
const keyFile = env.get('APP_KEY_FILE')
export const appKeyFile = keyFile
  ? isAbsolute(keyFile)
    ? keyFile
    : app.makePath(keyFile)
  : dataPath('.app_key')

/** Public base URL, used in e-mails (reset links, invitations). */
export const appUrl = env.get('APP_URL', `http://${env.get('HOST')}:${env.get('PORT')}`)

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: false,
  useAsyncLocalStorage: false,
  /** Forwarded headers count only from these proxies (TRUSTED_PROXIES, default none). */
  trustProxy: trustedProxies(env.get('TRUSTED_PROXIES')),
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: env.get('COOKIE_SECURE', app.inProduction),
    sameSite: 'lax',
  },
})

/**
 * How long a web or worker process may take to stop after SIGTERM/SIGINT before it exits
 * anyway (bin/ignite.ts). Keep it below the supervisor's grace period (Docker's
 * stop_grace_period, 10 s unless set) so the process exits on its own rather than by SIGKILL.
 */
export const shutdownTimeoutMs = env.get('SHUTDOWN_TIMEOUT_SECONDS', 20) * 1000
