import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import AccessLog from '#models/access_log'
import AuditLog from '#models/audit_log'
import { QueueManager } from '#queue/queue_manager'
import PurgeExpiredLogsJob from '#jobs/purge_expired_logs_job'
import { jobs, schedules } from '#jobs/main'
import { withCleanState } from '#tests/helpers/database'
import { startRunner, testQueueConfig, waitFor } from './fixtures.js'

async function accessLogAged(days: number) {
  return AccessLog.create({
    userId: 1,
    method: 'GET',
    path: `/aged-${days}`,
    status: 200,
    durationMs: 3,
    createdAt: DateTime.now().minus({ days }),
  })
}

async function auditLogAged(days: number) {
  return AuditLog.create({ action: `aged.${days}`, createdAt: DateTime.now().minus({ days }) })
}

test.group('Queue / purge of expired logs', (group) => {
  withCleanState(group)

  test('the purge job, run by a worker, deletes only rows past their retention (90 / 365 days)', async ({
    assert,
    cleanup,
  }) => {
    await accessLogAged(91)
    await accessLogAged(120)
    const keptAccess = [await accessLogAged(89), await accessLogAged(0)]
    await auditLogAged(366)
    const keptAudit = [await auditLogAged(364), await auditLogAged(100)]

    const manager = new QueueManager(testQueueConfig())
    const { runner, logs } = await startRunner(manager, { queues: ['purge'], registry: jobs })
    cleanup(async () => {
      await runner.stop()
      await manager.close()
    })

    const job = await manager.dispatch(PurgeExpiredLogsJob, {})
    await waitFor(async () => (await job.getState()) === 'completed')

    const access = await AccessLog.query().orderBy('id')
    const audits = await AuditLog.query().orderBy('id')
    assert.deepEqual(
      access.map((row) => row.id),
      keptAccess.map((row) => row.id)
    )
    assert.deepEqual(
      audits.map((row) => row.id),
      keptAudit.map((row) => row.id)
    )

    const done = (await manager.use('purge').getJob(job.id!))!
    assert.include(done.returnvalue, { accessLogs: 2, auditLogs: 1 })
    const logged = logs.find((entry) => entry.message === 'purged expired logs')
    assert.include(logged?.bindings, { accessLogs: 2, auditLogs: 1 })
  })

  test('a worker serving the purge queue upserts the daily job scheduler, once across restarts', async ({
    assert,
    cleanup,
  }) => {
    const manager = new QueueManager(testQueueConfig())
    cleanup(() => manager.close())
    for (let run = 0; run < 2; run++) {
      const { runner } = await startRunner(manager, {
        queues: ['purge'],
        registry: jobs,
        schedules,
      })
      await runner.stop()
    }
    const schedulers = await manager.use('purge').getJobSchedulers()
    assert.lengthOf(schedulers, 1)
    assert.equal(schedulers[0].key, 'purge-expired-logs')
    assert.equal(schedulers[0].name, 'purge_expired_logs')
    assert.equal(schedulers[0].pattern, '17 3 * * *')
  })

  test('a worker not serving the purge queue leaves the scheduler alone', async ({
    assert,
    cleanup,
  }) => {
    const manager = new QueueManager(testQueueConfig())
    cleanup(() => manager.close())
    const { runner } = await startRunner(manager, {
      queues: ['publish'],
      registry: jobs,
      schedules,
    })
    await runner.stop()
    assert.lengthOf(await manager.use('purge').getJobSchedulers(), 0)
  })
})
