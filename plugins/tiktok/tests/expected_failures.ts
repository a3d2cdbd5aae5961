import { test } from '@japa/runner'

/**
 * Runs a kit battery and marks the named tests as expected failures (Japa `fails`, reported
 * as regressions): they fail for a reason outside this plugin, stated next to each title.
 * If one of them starts passing, Japa fails it, so the list cannot silently go stale; a
 * title the kit no longer has throws here, for the same reason.
 */
export function withExpectedFailures(run: () => void, expected: Record<string, string>) {
  const original = test.group
  const groups: ReturnType<typeof test.group>[] = []
  test.group = ((title: string, callback: Parameters<typeof test.group>[1]) => {
    const group = original.call(test, title, callback)
    groups.push(group)
    return group
  }) as typeof test.group
  try {
    run()
  } finally {
    test.group = original
  }
  const titles = new Set(groups.flatMap((group) => group.tests.map((t) => t.title)))
  const unknown = Object.keys(expected).filter((title) => !titles.has(title))
  if (unknown.length)
    throw new Error(`expected failures name tests the kit does not have: ${unknown.join('; ')}`)
  for (const group of groups) {
    group.tap((t) => {
      const reason = expected[t.title]
      if (reason) t.fails(reason)
    })
  }
}
