import { test } from '@japa/runner'
import { hostname } from 'node:os'
import ace from '@adonisjs/core/services/ace'
import app from '@adonisjs/core/services/app'
import redis from '@adonisjs/redis/services/main'
import type { QueueConfig } from '#queue/types'
import { WorkerHeartbeat, heartbeatKeys, type WorkerInfo } from '#queue/worker_heartbeat'
import { resetRedis } from '#tests/helpers/redis'
import { freePort, spawnApp } from '#tests/helpers/processes'

const queue = () => app.config.get<QueueConfig>('queue')

/** A heartbeat as a worker on `host` writes it, last refreshed `ageMs` ago. */
async function writeBeat(host: string, ageMs = 0) {
  const { prefix } = queue()
  const keys = heartbeatKeys(prefix)
  const at = Date.now() - ageMs
  const info: WorkerInfo = {
    id: `${host}:4242:test`,
    holder: `${host}:4242:test-boot:test`,
    pid: 4242,
    host,
    queues: ['publish'],
    startedAt: new Date(at).toISOString(),
    lastHeartbeatAt: new Date(at).toISOString(),
  }
  await redis.set(keys.worker(info.id), JSON.stringify(info), 'PX', 120_000)
  await redis.zadd(keys.index, at, info.id)
}

async function runHealth(args: string[] = []) {
  const command = await ace.exec('queue:health', args)
  return { exitCode: command.exitCode, lines: ace.ui.logger.getLogs().map((log) => log.message) }
}

test.group('Platform / queue:health (worker container healthcheck)', (group) => {
  group.each.setup(async () => {
    await resetRedis()
    ace.ui.switchMode('raw')
    ace.ui.logger.flushLogs()
  })
  group.each.teardown(() => ace.ui.switchMode('normal'))

  test('a running worker on this host: exits 0 in its own process and says which worker', async ({
    assert,
    cleanup,
  }) => {
    const heartbeat = new WorkerHeartbeat(redis.connection(), {
      prefix: queue().prefix,
      queues: ['publish', 'media'],
      ttlMs: 30_000,
      intervalMs: 1000,
    })
    await heartbeat.start()
    cleanup(() => heartbeat.stop())

    const child = spawnApp(['ace.js', 'queue:health'])
    const { code } = await child.exited

    assert.equal(code, 0, child.output())
    const lines = child.output().trim().split('\n')
    assert.lengthOf(lines, 1, child.output())
    assert.match(
      lines[0],
      new RegExp(`^healthy: worker ${process.pid} on ${hostname()} .*publish, media`)
    )
  }).timeout(60_000)

  test('no heartbeat at all: exits 1 with the reason', async ({ assert }) => {
    const result = await runHealth()
    assert.equal(result.exitCode, 1)
    assert.deepEqual(result.lines, [
      `unhealthy: no worker heartbeat from ${hostname()} in the last ${queue().heartbeat.ttlSeconds} s`,
    ])
  })

  test('a wedged worker whose last beat is older than the window: exits 1', async ({ assert }) => {
    await writeBeat(hostname(), 45_000)
    assert.equal((await runHealth()).exitCode, 1)
    assert.equal((await runHealth(['--max-age=60'])).exitCode, 0)
  })

  test('a worker alive on another host does not make this one healthy', async ({ assert }) => {
    await writeBeat('some-other-container')
    const result = await runHealth()
    assert.equal(result.exitCode, 1)
    await writeBeat(hostname())
    assert.equal((await runHealth()).exitCode, 0)
  })

  test('Redis unreachable: exits 1 at once with the reason', async ({ assert }) => {
    const port = await freePort()
    const child = spawnApp(['ace.js', 'queue:health'], { REDIS_PORT: String(port) })
    const { code } = await child.exited
    assert.equal(code, 1, child.output())
    assert.match(child.output().trim(), /^unhealthy: Redis unreachable: .*ECONNREFUSED/)
  }).timeout(60_000)
})
