/**
 * One place that builds the Ignitor for every entry point (HTTP server, ace, tests),
 * so the three stay in step: same app root, same importer, same signal handling.
 */
import 'reflect-metadata'
import { Ignitor } from '@adonisjs/core'
import { stopWithinDeadline } from '#services/graceful_shutdown'

export const APP_ROOT = new URL('../', import.meta.url)

/** Resolves relative specifiers against the app root; bare ones go through Node. */
function importFromApp(specifier: string) {
  const isRelative = specifier.startsWith('./') || specifier.startsWith('../')
  return import(isRelative ? new URL(specifier, APP_ROOT).href : specifier)
}

export function createIgnitor() {
  return new Ignitor(APP_ROOT, { importer: importFromApp }).tap((app) => {
    app.booting(async () => {
      await import('#start/env')
    })
    app.listen('SIGTERM', () => stopWithinDeadline(app))
    app.listenIf(app.managedByPm2, 'SIGINT', () => stopWithinDeadline(app))
  })
}
