import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import redis from '@adonisjs/redis/services/main'
import type { QueueConfig } from '#queue/types'
import { WorkerHeartbeat } from '#queue/worker_heartbeat'
import { HealthService } from '#services/health/health_service'
import { withCleanState } from '#tests/helpers/database'
import { waitFor } from '#tests/functional/publishing/_fixtures'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'

/** A worker's heartbeat as a real worker writes it, on the app's own keys. */
function heartbeat(ttlMs?: number) {
  const queue = app.config.get<QueueConfig>('queue')
  return new WorkerHeartbeat(redis.connection(), {
    prefix: queue.prefix,
    queues: ['publish'],
    ttlMs: ttlMs ?? queue.heartbeat.ttlSeconds * 1000,
    intervalMs: 60_000,
  })
}

test.group('Platform / the "no worker" banner', (group) => {
  withCleanState(group)

  test('every signed-in page says when no worker is alive, as /health does, and stops once one is', async ({
    client,
    assert,
    cleanup,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const pages = ['/workspaces/new', `/w/${workspace.slug}/posts`, `/w/${workspace.slug}/calendar`]
    const shown = async (path: string) => {
      const page = await client.get(path).loginAs(owner).withInertia()
      page.assertStatus(200)
      return page.inertiaProps.workersDown as boolean
    }
    const healthSaysAlive = async () => (await new HealthService().run()).checks.worker.ok

    for (const path of pages) assert.isTrue(await shown(path), path)
    assert.isFalse(await healthSaysAlive())

    const worker = heartbeat()
    await worker.beat()
    cleanup(() => worker.stop())
    for (const path of pages) assert.isFalse(await shown(path), path)
    assert.isTrue(await healthSaysAlive())

    // A clean stop removes the heartbeat at once.
    await worker.stop()
    assert.isTrue(await shown(pages[1]))
  })

  test('a crashed worker (its heartbeat no longer refreshed) brings the banner back by itself', async ({
    client,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    await heartbeat(300).beat() // never refreshed, as after a SIGKILL
    const down = () =>
      client
        .get(`/w/${workspace.slug}/posts`)
        .loginAs(owner)
        .withInertia()
        .then((page) => page.inertiaProps.workersDown === true)
    await waitFor(down, 20_000, 100)
  })

  test('signed-out pages say nothing about workers', async ({ client, assert }) => {
    const page = await client.get('/login').withInertia()
    page.assertStatus(200)
    assert.isFalse(page.inertiaProps.workersDown)
  })
})
