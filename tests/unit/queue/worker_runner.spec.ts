import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import AuditLog from '#models/audit_log'
import { QueueManager } from '#queue/queue_manager'
import { MAKE_MEDIA_VARIANT } from '#queue/job_specs'
import { withCleanState } from '#tests/helpers/database'
import {
  BACKOFF_MS,
  FlakyJob,
  RecordJob,
  SlowJob,
  flakyAttempts,
  slowRuns,
  startRunner,
  testQueueConfig,
  waitFor,
} from './fixtures.js'

test.group('Queue / WorkerRunner', (group) => {
  withCleanState(group)

  test('a dispatched job runs through a real worker and its handler writes to the database', async ({
    assert,
    cleanup,
  }) => {
    const manager = new QueueManager(testQueueConfig())
    const { runner } = await startRunner(manager, { queues: ['publish'] })
    cleanup(async () => {
      await runner.stop()
      await manager.close()
    })

    const job = await manager.dispatch(RecordJob, { label: 'hello' })
    assert.equal(job.queueName, 'publish')
    const row = await waitFor(() => AuditLog.findBy('action', 'test.job_ran'))
    assert.deepEqual(row!.meta, { label: 'hello', attempt: 1 })
    assert.equal(
      await waitFor(() => job.getState().then((s) => s === 'completed' && s)),
      'completed'
    )
  })

  test('a failing job is retried with the queue exponential backoff, and each failure is logged', async ({
    assert,
    cleanup,
  }) => {
    const manager = new QueueManager(testQueueConfig())
    const { runner, logs } = await startRunner(manager, { queues: ['publish'] })
    cleanup(async () => {
      await runner.stop()
      await manager.close()
    })

    const job = await manager.dispatch(FlakyJob, { key: 'flaky-1', failTimes: 2 })
    await waitFor(async () => (await job.getState()) === 'completed')
    const times = flakyAttempts.get('flaky-1')!
    assert.lengthOf(times, 3)
    // exponential: BACKOFF_MS, then 2 × BACKOFF_MS (BullMQ adds no jitter unless asked)
    assert.isAtLeast(times[1] - times[0], BACKOFF_MS - 5)
    assert.isAtLeast(times[2] - times[1], 2 * BACKOFF_MS - 5)

    const failures = logs.filter(
      (entry) => entry.level === 'error' && entry.message === 'job failed'
    )
    assert.lengthOf(failures, 2)
    assert.equal(failures[0].bindings.job, 'test_flaky')
  })

  test('a job that keeps failing ends failed after the configured attempts', async ({
    assert,
    cleanup,
  }) => {
    const config = testQueueConfig()
    const manager = new QueueManager(config)
    const { runner } = await startRunner(manager, { queues: ['publish'] })
    cleanup(async () => {
      await runner.stop()
      await manager.close()
    })

    const job = await manager.dispatch(FlakyJob, { key: 'flaky-2', failTimes: 99 })
    await waitFor(async () => (await job.getState()) === 'failed')
    assert.lengthOf(
      flakyAttempts.get('flaky-2')!,
      config.queues.publish.defaultJobOptions.attempts!
    )
  })

  test('an unknown job name fails at once, without retries', async ({ assert, cleanup }) => {
    const manager = new QueueManager(testQueueConfig())
    const { runner } = await startRunner(manager, { queues: ['publish'] })
    cleanup(async () => {
      await runner.stop()
      await manager.close()
    })

    const job = await manager.use('publish').add('no_such_job', {})
    await waitFor(async () => (await job.getState()) === 'failed')
    const reloaded = (await manager.use('publish').getJob(job.id!))!
    assert.equal(reloaded.attemptsMade, 1)
    assert.match(reloaded.failedReason, /Unknown job "no_such_job"/)
  })

  test('stop() lets a running job finish, then takes no new jobs', async ({ assert, cleanup }) => {
    const manager = new QueueManager(testQueueConfig())
    const { runner } = await startRunner(manager, { queues: ['media'] })
    cleanup(() => manager.close())

    const running = await manager.dispatch(SlowJob, { key: 'slow-1', ms: 700 })
    await waitFor(() => slowRuns.has('slow-1'))
    const result = await runner.stop()

    assert.isFalse(result.timedOut)
    assert.isDefined(slowRuns.get('slow-1')!.finishedAt)
    assert.equal(await running.getState(), 'completed')

    const later = await manager.dispatch(SlowJob, { key: 'slow-2', ms: 10 })
    await new Promise((resolve) => setTimeout(resolve, 300))
    assert.equal(await later.getState(), 'waiting')
    assert.isFalse(slowRuns.has('slow-2'))
  })

  test('stop() gives up waiting after the timeout', async ({ assert, cleanup }) => {
    const manager = new QueueManager(testQueueConfig())
    const { runner, logs } = await startRunner(manager, { queues: ['media'] })
    cleanup(() => manager.close())

    await manager.dispatch(SlowJob, { key: 'slow-3', ms: 1500 })
    await waitFor(() => slowRuns.has('slow-3'))
    const started = Date.now()
    const result = await runner.stop(200)

    assert.isTrue(result.timedOut)
    assert.isBelow(Date.now() - started, 1000)
    assert.isUndefined(slowRuns.get('slow-3')!.finishedAt)
    assert.isTrue(logs.some((entry) => entry.level === 'warn'))
  }).timeout(8000)

  test('the queue service opens no Redis connection until something is dispatched', async ({
    assert,
  }) => {
    const manager = await app.container.make('queue')
    assert.instanceOf(manager, QueueManager)
    assert.deepEqual(manager.openQueues(), [])
    assert.strictEqual(await app.container.make('queue'), manager)
  })

  test('dispatch only accepts the payload type the job declares', async ({ assert }) => {
    const manager = new QueueManager(testQueueConfig())
    // Compile-time check (tsc): never run.
    const typeChecks = () => {
      // @ts-expect-error wrong payload shape
      void manager.dispatch(RecordJob, { title: 'x' })
      // @ts-expect-error missing field
      void manager.dispatch(FlakyJob, { key: 'a' })
      // @ts-expect-error a spec checks its payload too
      void manager.dispatch(MAKE_MEDIA_VARIANT, { assetId: 1 })
    }
    assert.isFunction(typeChecks)
    assert.deepEqual(manager.openQueues(), [])
  })
})
