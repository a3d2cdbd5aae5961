import { test } from '@japa/runner'
import { hasStats } from '../capabilities.js'
import type { KitHarness } from './conformance_harness.js'

/**
 * Statistics are read back as the network counts them; what it does not count stays null.
 */
export function statsTests<O>(h: KitHarness<O>) {
  const { plugin } = h.subject
  const caps = plugin.capabilities

  test('stats are read back, unknown metrics stay null', async ({ assert }) => {
    if (!hasStats(caps)) {
      // Declared: the app schedules no collection and shows no figures for this network.
      assert.lengthOf(caps.metrics, 0, 'stats is false: no metric can be given')
      assert.isUndefined(plugin.fetchStats, 'stats is false but fetchStats exists')
      return
    }
    assert.isFunction(plugin.fetchStats, 'a network with stats needs fetchStats')
    const outcome = await h.publish(h.publishContext({ text: 'Count me' }))
    assert.equal(outcome.status, 'ok')
    if (outcome.status !== 'ok') return
    const id = outcome.value.externalId
    h.fake.setMetrics(id, { likes: 7, shares: 3, comments: 2, views: 120 })
    const stats = await plugin.fetchStats!(h.accountContext(), [id])
    assert.equal(stats.status, 'ok')
    if (stats.status !== 'ok') return
    const figures = stats.value[id]
    for (const [name, value] of Object.entries({
      likes: 7,
      shares: 3,
      comments: 2,
      views: 120,
    })) {
      const metric = name as keyof typeof figures
      if (caps.metrics.includes(metric)) assert.equal(figures[metric], value, `metric ${name}`)
      else assert.isNull(figures[metric], `metric ${name} is not available on ${plugin.id}`)
    }
  })
}
