import { test } from '@japa/runner'
import { JobRegistry } from '#queue/job_registry'
import { QueueManager } from '#queue/queue_manager'
import { jobs, schedules } from '#jobs/main'
import { withCleanState } from '#tests/helpers/database'
import { startRunner, testQueueConfig } from './fixtures.js'

test.group('Queue / repeatable job schedules', (group) => {
  withCleanState(group)

  test('each schedule names a registered job, on the queue that job class declares', async ({
    assert,
  }) => {
    for (const schedule of schedules) {
      const Job = await jobs.resolve(schedule.job.jobName)
      assert.exists(Job, `${schedule.key} names an unregistered job`)
      assert.equal(Job!.queue, schedule.job.queue, `${schedule.key} is on the wrong queue`)
    }
  })

  test('upserting the schedules imports no job code: a worker loads a job when one first runs', async ({
    assert,
    cleanup,
  }) => {
    const imported: string[] = []
    // The real loaders, each recording that it ran.
    const recording = new JobRegistry(
      Object.fromEntries(
        jobs.names().map((name) => [
          name,
          () => {
            imported.push(name)
            return jobs.resolve(name).then((Job) => ({ default: Job! }))
          },
        ])
      )
    )
    const manager = new QueueManager(testQueueConfig())
    cleanup(() => manager.close())
    const { runner } = await startRunner(manager, {
      queues: ['automation'],
      registry: recording,
      // The real schedules, set to fire next New Year: no job runs (and loads) during the test.
      schedules: schedules.map((schedule) => ({ ...schedule, repeat: { pattern: '0 0 1 1 *' } })),
    })
    await runner.stop()
    const upserted = (await manager.use('automation').getJobSchedulers()).map((s) => s.name)
    assert.sameMembers(upserted, ['poll_feeds', 'materialize_series', 'fill_evergreen'])
    assert.deepEqual(imported, [])
    // A runner on a loaded machine: starting and stopping workers takes Redis round trips.
  }).timeout(20_000)
})
