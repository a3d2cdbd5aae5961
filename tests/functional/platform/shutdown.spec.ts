import { test } from '@japa/runner'
import { setTimeout as sleep } from 'node:timers/promises'
import { type Child, freePort, spawnApp, startRedis } from '#tests/helpers/processes'

/** The deadline the children get; the stop must finish inside it, on its own. */
const SHUTDOWN_SECONDS = 10

/**
 * Stops the children and measures how long each took to exit after SIGTERM; one still
 * running at twice the deadline is reported as such (code null) rather than waited for.
 */
async function terminate(children: Child[]) {
  const started = Date.now()
  for (const child of children) child.kill('SIGTERM')
  const giveUp = sleep(2 * SHUTDOWN_SECONDS * 1000, { code: null, signal: null })
  return Promise.all(
    children.map(async (child) => ({
      ...(await Promise.race([child.exited, giveUp])),
      ms: Date.now() - started,
    }))
  )
}

test.group('Platform / shutdown when Redis stops at the same time', () => {
  test('worker and web exit on SIGTERM within the deadline, cleanly, without an unhandled rejection', async ({
    assert,
    cleanup,
  }) => {
    const redis = await startRedis()
    const webPort = await freePort()
    const env = {
      REDIS_PORT: String(redis.port),
      SHUTDOWN_TIMEOUT_SECONDS: String(SHUTDOWN_SECONDS),
      LOG_LEVEL: 'info',
    }
    const worker = spawnApp(['ace.js', 'queue:work'], env)
    const web = spawnApp(['bin/server.ts'], { ...env, PORT: String(webPort) })
    cleanup(() => {
      for (const child of [worker, web, redis]) child.kill('SIGKILL')
    })
    await Promise.all([
      worker.waitForOutput(/serving queues/),
      web.waitForOutput(/started HTTP server/),
    ])
    // The web process uses Redis too: the health check, and an open live-updates stream
    // whose Redis transport is subscribed.
    const health = await fetch(`http://127.0.0.1:${webPort}/health`)
    assert.equal(health.status, 200, web.output())
    const stream = new AbortController()
    cleanup(() => stream.abort())
    await fetch(`http://127.0.0.1:${webPort}/__transmit/events`, { signal: stream.signal }).catch(
      () => {}
    )

    redis.kill('SIGKILL')
    await redis.exited
    const [workerExit, webExit] = await terminate([worker, web])

    for (const [name, exit, child] of [
      ['worker', workerExit, worker],
      ['web', webExit, web],
    ] as const) {
      assert.equal(exit.code, 0, `${name} exit status (output:\n${child.output()})`)
      assert.isBelow(exit.ms, SHUTDOWN_SECONDS * 1000, `${name} took ${exit.ms} ms`)
      assert.notMatch(child.output(), /unhandled|uncaught/i, name)
    }
  }).timeout(120_000)
})
