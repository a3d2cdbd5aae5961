import { test } from '@japa/runner'
import { kitHarness } from './conformance_harness.js'
import type { ConformanceSubject } from './conformance_subject.js'
import { authTests } from './conformance_auth.js'
import { publishTests } from './conformance_publish.js'
import { failureTests } from './conformance_failures.js'
import { reconcileTests } from './conformance_reconcile.js'
import { optionsTests } from './conformance_options.js'
import { statsTests } from './conformance_stats.js'
import { partsConformance } from './conformance_parts.js'

export type { ConformanceSubject } from './conformance_subject.js'

/**
 * The battery every network plugin must pass, through its fake over real HTTP.
 * Adding a network means passing this kit: call it from the plugin's tests.
 * Each family of hooks has its own file; all share one set-up (a fresh fake and account per test).
 */
export function conformance<O>(subject: ConformanceSubject<O>) {
  test.group(`conformance: ${subject.plugin.id}`, (group) => {
    const harness = kitHarness(subject, group)
    authTests(harness)
    publishTests(harness)
    failureTests(harness)
    reconcileTests(harness)
    optionsTests(harness)
    statsTests(harness)
  })
  // Threads and first comments: their own battery, for plugins that declare either.
  partsConformance(subject)
}
