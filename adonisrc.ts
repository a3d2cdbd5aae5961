import { indexPages } from '@adonisjs/inertia'
import { indexEntities } from '@adonisjs/core'
import { defineConfig } from '@adonisjs/core/app'

/**
 * Providers that only serve HTTP requests (sessions, CSRF, static files, assets, Inertia pages,
 * rate limits): ace commands and the queue worker boot without them, which keeps the worker
 * lighter. Mails (edge, i18n, mail) and signed URLs (routes) work in every environment.
 */
const HTTP_ONLY: ('web' | 'test' | 'repl')[] = ['web', 'test', 'repl']

export default defineConfig({
  experimental: {},

  commands: [
    () => import('@adonisjs/core/commands'),
    () => import('@adonisjs/lucid/commands'),
    () => import('@adonisjs/session/commands'),
    () => import('@adonisjs/mail/commands'),
    () => import('@adonisjs/bouncer/commands'),
  ],

  providers: [
    () => import('@adonisjs/core/providers/app_provider'),
    () => import('@adonisjs/core/providers/hash_provider'),
    { file: () => import('@adonisjs/core/providers/repl_provider'), environment: ['repl', 'test'] },
    () => import('@adonisjs/core/providers/vinejs_provider'),
    () => import('@adonisjs/core/providers/edge_provider'),
    { file: () => import('@adonisjs/session/session_provider'), environment: HTTP_ONLY },
    { file: () => import('@adonisjs/vite/vite_provider'), environment: HTTP_ONLY },
    { file: () => import('@adonisjs/shield/shield_provider'), environment: HTTP_ONLY },
    { file: () => import('@adonisjs/static/static_provider'), environment: HTTP_ONLY },
    () => import('@adonisjs/lucid/database_provider'),
    () => import('@adonisjs/redis/redis_provider'),
    { file: () => import('@adonisjs/limiter/limiter_provider'), environment: HTTP_ONLY },
    { file: () => import('@adonisjs/inertia/inertia_provider'), environment: HTTP_ONLY },
    () => import('@adonisjs/auth/auth_provider'),
    () => import('@adonisjs/bouncer/bouncer_provider'),
    () => import('@adonisjs/i18n/i18n_provider'),
    () => import('@adonisjs/mail/mail_provider'),
    () => import('#providers/queue_provider'),
    () => import('#providers/plugins_provider'),
    () => import('#providers/transmit_provider'),
  ],

  preloads: [
    () => import('#start/routes'),
    () => import('#start/kernel'),
    { file: () => import('#start/console_routes'), environment: ['console', 'repl'] },
    { file: () => import('#start/events'), environment: ['web', 'console', 'test'] },
    { file: () => import('#start/transmit'), environment: ['web', 'console', 'test'] },
    { file: () => import('#start/mail_check'), environment: ['web'] },
    { file: () => import('#start/telemetry'), environment: ['web'] },
  ],

  directories: {
    languageFiles: 'resources/lang',
  },

  tests: {
    suites: [
      {
        files: ['tests/unit/**/*.spec.ts', 'plugins/*/tests/**/*.spec.ts'],
        name: 'unit',
        timeout: 5000,
      },
      {
        files: ['tests/functional/**/*.spec.ts', 'plugins/*/tests/functional/**/*.spec.ts'],
        name: 'functional',
        timeout: 30000,
      },
      { files: ['tests/browser/**/*.spec.ts'], name: 'browser', timeout: 120000 },
    ],
    forceExit: true,
  },

  metaFiles: [
    { pattern: 'resources/views/**/*.edge', reloadServer: false },
    { pattern: 'resources/lang/**/*.json', reloadServer: false },
    { pattern: 'public/**', reloadServer: false },
  ],

  hooks: {
    init: [
      indexEntities({ transformers: { enabled: true, withSharedProps: true } }),
      indexPages({ framework: 'vue3', source: 'resources/pages' }),
    ],
    buildStarting: [() => import('@adonisjs/vite/build_hook')],
  },
})
