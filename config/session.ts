import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, stores } from '@adonisjs/session'

/** Sessions live in Redis by default so a password change or logout can end them server-side. */
const sessionConfig = defineConfig({
  enabled: true,
  cookieName: 'pistache-session',
  clearWithBrowser: false,
  age: '7d',
  cookie: {
    path: '/',
    httpOnly: true,
    secure: env.get('COOKIE_SECURE', app.inProduction),
    sameSite: 'lax',
  },
  store: env.get('SESSION_DRIVER', 'redis'),
  stores: {
    cookie: stores.cookie(),
    redis: stores.redis({ connection: 'main' }),
  },
})

export default sessionConfig
