import { glob } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import env from '#start/env'

/**
 * Vite's dev server compiles the front end on demand: the first full page of a run waits for the
 * entry point and its whole graph, and each page component compiles on its first visit. On a
 * loaded machine that alone outlasted a test's time limit (a calendar test, a full-page 404).
 * Done here once, in a suite's setup (hooks have no time limit), each test's clock only runs for
 * its own work. `full-page`: the entry point only, enough for HTML answers (functional tests);
 * `browser`: every module, as a browser will fetch them.
 */
export async function warmUpFrontEnd(scope: 'full-page' | 'browser') {
  const { default: vite } = await import('@adonisjs/vite/services/main')
  const server = vite.getDevServer()
  if (!server) return // built assets: nothing to compile
  // A full page: the @vite tag transforms the entry point and waits for it.
  const page = await fetch(`http://${env.get('HOST')}:${env.get('PORT')}/login`)
  await page.arrayBuffer()
  if (scope === 'full-page') return // what a server-rendered page needs; browsers need the rest
  // Every module a page may import, transformed and cached (imports the optimizer had not seen
  // are found now, not in the middle of a test, where they would reload the page).
  const files = await Array.fromAsync(
    glob('resources/{js,css,layouts,components,pages}/**/*.{ts,vue,css}', {
      cwd: app.appRoot.pathname,
    })
  )
  await Promise.all(files.map((file) => server.warmupRequest(`/${file}`)))
  await server.environments.client.waitForRequestsIdle()
}
