import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import type { AnalyticsConfig } from '#config/analytics'
import { jobs, schedules } from '#jobs/main'
import CollectStatsJob from '#jobs/collect_stats_job'
import { withCleanState } from '#tests/helpers/database'
import { collectAt, publishTo, snapshotsOf, withWorld } from './_helpers.js'

test.group('Analytics / collection schedule', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('often while young, hourly until 3 days, daily until 30, then never again', async ({
    assert,
  }) => {
    const { deliveries } = await publishTo(world, ['mastodon'])
    const delivery = deliveries.mastodon
    const readings = async () => (await snapshotsOf(delivery)).length
    // [minutes after publication, readings after that run]
    const runs: [number, number][] = [
      [1, 1], // young: collected at once
      [10, 1], // 15-minute step: not due yet
      [16, 2],
      [30, 2],
      [32, 3],
      [7 * 60, 4], // past 6 h: hourly
      [7 * 60 + 30, 4],
      [8 * 60 + 1, 5],
      [4 * 24 * 60, 6], // past 3 days: daily
      [4 * 24 * 60 + 12 * 60, 6],
      [5 * 24 * 60 + 1, 7],
      [30 * 24 * 60 + 1, 7], // past 30 days: stopped
      [45 * 24 * 60, 7],
    ]
    for (const [minutes, expected] of runs) {
      await collectAt(delivery, minutes)
      assert.equal(await readings(), expected, `after the run at +${minutes} min`)
    }
  })

  test('a young post is collected while an old one is not, in the same run', async ({ assert }) => {
    const old = await publishTo(world, ['bluesky'], 'Last month’s croissants')
    const young = await publishTo(world, ['bluesky'], 'Today’s croissants')
    old.deliveries.bluesky.publishedAt = young.deliveries.bluesky.publishedAt!.minus({ days: 31 })
    await old.deliveries.bluesky.save()

    const report = await collectAt(young.deliveries.bluesky, 2)
    assert.equal(report.snapshots, 1)
    assert.lengthOf(await snapshotsOf(young.deliveries.bluesky), 1)
    assert.lengthOf(await snapshotsOf(old.deliveries.bluesky), 0)
  })

  test('the stats queue runs the collection every runEveryMs (a job scheduler next to the others)', async ({
    assert,
  }) => {
    const schedule = schedules.find((entry) => entry.key === 'collect-stats')!
    assert.exists(schedule)
    assert.deepInclude(schedule.job, { queue: 'stats', jobName: CollectStatsJob.jobName })
    assert.equal(CollectStatsJob.queue, 'stats')
    assert.equal(schedule.repeat.every, app.config.get<AnalyticsConfig>('analytics').runEveryMs)
    assert.equal(await jobs.resolve('collect_stats'), CollectStatsJob)
  })
})
