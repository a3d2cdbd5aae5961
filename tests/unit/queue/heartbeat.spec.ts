import { test } from '@japa/runner'
import { setTimeout as sleep } from 'node:timers/promises'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import redis from '@adonisjs/redis/services/main'
import { QueueManager } from '#queue/queue_manager'
import { WorkerHeartbeat, heartbeatKeys, readLiveWorkers } from '#queue/worker_heartbeat'
import { startRunner, testQueueConfig } from './fixtures.js'

test.group('Queue / worker heartbeat', () => {
  test('a running worker keeps its heartbeat alive past the TTL, with its queues, pid and host', async ({
    assert,
    cleanup,
  }) => {
    const config = testQueueConfig()
    const manager = new QueueManager(config)
    const { runner } = await startRunner(manager, {
      queues: ['publish', 'stats'],
      heartbeat: { ttlMs: 500, intervalMs: 100 },
    })
    cleanup(async () => {
      await runner.stop()
      await manager.close()
    })

    await sleep(1200) // more than twice the TTL: only refreshing keeps it there
    const workers = await readLiveWorkers(redis.connection(), config.prefix, 500)
    assert.lengthOf(workers, 1)
    assert.deepEqual(workers[0].queues, ['publish', 'stats'])
    assert.equal(workers[0].pid, process.pid)
    assert.isString(workers[0].host)
    assert.isAtMost(Date.now() - Date.parse(workers[0].lastHeartbeatAt), 400)
    const ttl = await redis.pttl(heartbeatKeys(config.prefix).worker(runner.heartbeatId!))
    assert.isAbove(ttl, 0)
    assert.isAtMost(ttl, 500)
  }).timeout(8000)

  test('a heartbeat that is no longer refreshed (crashed worker) expires by itself', async ({
    assert,
  }) => {
    const { prefix } = testQueueConfig()
    const heartbeat = new WorkerHeartbeat(redis.connection(), {
      prefix,
      queues: ['purge'],
      ttlMs: 300,
      intervalMs: 100,
    })
    await heartbeat.beat() // one beat, then silence

    assert.lengthOf(await readLiveWorkers(redis.connection(), prefix, 300), 1)
    await sleep(450)
    assert.equal(await redis.exists(heartbeatKeys(prefix).worker(heartbeat.id)), 0)
    assert.deepEqual(await readLiveWorkers(redis.connection(), prefix, 300), [])
  })

  test('a clean stop removes the heartbeat at once', async ({ assert }) => {
    const config = testQueueConfig()
    const manager = new QueueManager(config)
    const { runner } = await startRunner(manager, {
      queues: ['purge'],
      heartbeat: { ttlMs: 10_000, intervalMs: 1000 },
    })
    assert.lengthOf(await readLiveWorkers(redis.connection(), config.prefix, 10_000), 1)
    await runner.stop()
    await manager.close()
    assert.deepEqual(await readLiveWorkers(redis.connection(), config.prefix, 10_000), [])
    assert.equal(await redis.zcard(heartbeatKeys(config.prefix).index), 0)
  })

  test('WORKER_HEARTBEAT_FILE: touched with the pid after each beat, removed on a clean stop', async ({
    assert,
    cleanup,
  }) => {
    const dir = mkdtempSync(join(tmpdir(), 'pistache-heartbeat-file-'))
    cleanup(() => rmSync(dir, { recursive: true, force: true }))
    const file = join(dir, 'beat')
    const config = testQueueConfig()
    const manager = new QueueManager({ ...config, heartbeat: { ...config.heartbeat, file } })
    const { runner } = await startRunner(manager, {
      queues: ['purge'],
      heartbeat: { ttlMs: 600, intervalMs: 100 },
    })
    cleanup(() => manager.close())

    assert.equal(readFileSync(file, 'utf8').trim(), String(process.pid))
    const first = statSync(file).mtimeMs
    await sleep(400)
    assert.isAbove(statSync(file).mtimeMs, first, 'the file is touched on every beat')
    assert.isAtMost(Date.now() - statSync(file).mtimeMs, 300)

    await runner.stop()
    assert.isFalse(existsSync(file), 'a clean stop removes it')
  }).timeout(8000)

  test('a beat that cannot reach Redis does not touch the file', async ({ assert, cleanup }) => {
    const dir = mkdtempSync(join(tmpdir(), 'pistache-heartbeat-file-'))
    cleanup(() => rmSync(dir, { recursive: true, force: true }))
    const file = join(dir, 'beat')
    const { prefix } = testQueueConfig()
    const failing = {
      multi: () => ({
        set() {
          return this
        },
        zadd() {
          return this
        },
        zremrangebyscore() {
          return this
        },
        exec: async () => {
          throw new Error('Connection is closed.')
        },
      }),
    } as unknown as ConstructorParameters<typeof WorkerHeartbeat>[0]
    const heartbeat = new WorkerHeartbeat(failing, {
      prefix,
      queues: ['purge'],
      ttlMs: 300,
      intervalMs: 100,
      file,
    })
    await assert.rejects(() => heartbeat.beat(), /Connection is closed/)
    assert.isFalse(existsSync(file))
  })
})
