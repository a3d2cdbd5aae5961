import { test } from '@japa/runner'
import { createServer } from 'node:net'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import { DbCheck } from '@adonisjs/lucid/database'
import { RedisCheck } from '@adonisjs/redis'
import { QueueManager } from '#queue/queue_manager'
import type { QueueConfig } from '#queue/types'
import { HealthService } from '#services/health/health_service'
import { WorkerCheck } from '#services/health/worker_check'
import { WorkerHeartbeat, heartbeatKeys } from '#queue/worker_heartbeat'
import { withCleanState } from '#tests/helpers/database'
import { startRunner } from '../../unit/queue/fixtures.js'

/** A TCP port nothing listens on: bind an ephemeral one, then release it. */
async function closedPort() {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

function assertNoInfrastructureDetails(assert: any, body: unknown) {
  const text = JSON.stringify(body)
  for (const secret of [
    '127.0.0.1',
    'localhost',
    ':6379',
    ':5432',
    'postgres',
    'sqlite',
    String(process.pid),
  ]) {
    assert.notInclude(text, secret)
  }
}

test.group('Platform / GET /health', (group) => {
  withCleanState(group)
  group.each.teardown(() => app.container.restore(HealthService))

  test('database and Redis up, no worker: 503, degraded, worker reported missing', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/health')

    response.assertStatus(503)
    const body = response.body()
    assert.equal(body.status, 'degraded')
    assert.isTrue(body.checks.database.ok)
    assert.isTrue(body.checks.redis.ok)
    assert.isNumber(body.checks.database.latencyMs)
    assert.isNumber(body.checks.redis.latencyMs)
    assert.deepEqual(body.checks.worker, { ok: false, lastHeartbeatAt: null, queues: [] })
    assertNoInfrastructureDetails(assert, body)
  })

  test('with a worker running: 200, ok, and the queues it serves', async ({
    client,
    assert,
    cleanup,
  }) => {
    const manager = new QueueManager(app.config.get<QueueConfig>('queue'))
    const { runner } = await startRunner(manager, { queues: ['publish', 'purge'], heartbeat: {} })
    cleanup(async () => {
      await runner.stop()
      await manager.close()
    })

    const response = await client.get('/health')

    response.assertStatus(200)
    const body = response.body()
    assert.equal(body.status, 'ok')
    assert.isTrue(body.checks.worker.ok)
    assert.deepEqual(body.checks.worker.queues, ['publish', 'purge'])
    assert.isAtMost(Date.now() - Date.parse(body.checks.worker.lastHeartbeatAt), 10_000)
    assertNoInfrastructureDetails(assert, body)
  })

  test('a worker whose last heartbeat is older than the window: 503, worker not ok', async ({
    client,
    assert,
  }) => {
    const queue = app.config.get<QueueConfig>('queue')
    const windowMs = queue.heartbeat.ttlSeconds * 1000
    const heartbeat = new WorkerHeartbeat(redis.connection(), {
      prefix: queue.prefix,
      queues: ['publish'],
      ttlMs: windowMs * 4,
      intervalMs: 1000,
    })
    await heartbeat.beat()
    // Its key is still there (long TTL) but the beat itself is past the window: a wedged worker.
    await redis.zadd(heartbeatKeys(queue.prefix).index, Date.now() - windowMs - 1000, heartbeat.id)

    const response = await client.get('/health')

    response.assertStatus(503)
    assert.equal(response.body().status, 'degraded')
    assert.isFalse(response.body().checks.worker.ok)
  })

  test('database unreachable: 503 and down, without leaking where it was', async ({
    client,
    assert,
    cleanup,
  }) => {
    const port = await closedPort()
    db.manager.add('health_unreachable', {
      client: 'pg',
      connection: { host: '127.0.0.1', port, user: 'postgres', database: 'nowhere' },
      pool: { min: 0, max: 1 },
    })
    cleanup(() => db.manager.close('health_unreachable', true))
    const queue = app.config.get<QueueConfig>('queue')
    app.container.swap(
      HealthService,
      () =>
        new HealthService({
          checks: {
            database: new DbCheck(db.connection('health_unreachable')),
            redis: new RedisCheck(redis.connection()),
            worker: new WorkerCheck(
              redis.connection(),
              queue.prefix,
              queue.heartbeat.ttlSeconds * 1000
            ),
          },
        })
    )

    const response = await client.get('/health')

    response.assertStatus(503)
    const body = response.body()
    assert.equal(body.status, 'down')
    assert.isFalse(body.checks.database.ok)
    assert.isTrue(body.checks.redis.ok)
    assert.notInclude(JSON.stringify(body), String(port))
    assertNoInfrastructureDetails(assert, body)
  })

  test('a check that hangs is cut off and counts as failed', async ({ assert }) => {
    const hanging = { name: 'hangs', run: () => new Promise<never>(() => {}) }
    const ok = {
      name: 'ok',
      run: async () => ({ status: 'ok' as const, message: 'ok', finishedAt: new Date() }),
    }
    const started = Date.now()
    const report = await new HealthService({
      checks: { database: ok, redis: hanging, worker: ok },
      timeoutMs: 100,
    }).run()
    assert.isBelow(Date.now() - started, 1000)
    assert.equal(report.status, 'down')
    assert.isFalse(report.checks.redis.ok)
  })
})
