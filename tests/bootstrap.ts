import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import { browserClient } from '@japa/browser-client'
import { chromium } from 'playwright'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import { sessionApiClient } from '@adonisjs/session/plugins/api_client'
import { sessionBrowserClient } from '@adonisjs/session/plugins/browser_client'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'
import { authBrowserClient } from '@adonisjs/auth/plugins/browser_client'
import { shieldApiClient } from '@adonisjs/shield/plugins/api_client'
import { inertiaApiClient } from '@adonisjs/inertia/plugins/api_client'
import { resetRedis } from '#tests/helpers/redis'
import { warmUpFrontEnd } from '#tests/helpers/warm_up'
import { NAVIGATION_TIMEOUT } from '#tests/helpers/timeouts'

/** Debian's Chromium, started so it makes no connection of its own (the machines have no internet). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export const plugins: Config['plugins'] = [
  assert(),
  pluginAdonisJS(app),
  apiClient(),
  sessionApiClient(app),
  shieldApiClient(),
  authApiClient(app),
  inertiaApiClient(app),
  browserClient({
    runInSuites: ['browser'],
    // Assertions poll until their condition holds; 5 s (the default) was too short on a loaded machine.
    assertions: { timeout: NAVIGATION_TIMEOUT },
    launcher: (options) =>
      chromium.launch({
        ...options,
        headless: true,
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: CHROMIUM_ARGS,
      }),
  }),
  sessionBrowserClient(app),
  authBrowserClient(app),
]

/** A clean schema and an empty Redis test database before the run. */
export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [() => testUtils.db().migrate(), () => resetRedis()],
  teardown: [],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  if (['browser', 'functional'].includes(suite.name)) {
    suite.setup(() => testUtils.httpServer().start())
    // After the server: the warm-up requests a full page through it.
    suite.setup(() => warmUpFrontEnd(suite.name === 'browser' ? 'browser' : 'full-page'))
  }
}
