import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import { publishNow } from '#actions/posts/publish_now'
import { withCleanState } from '#tests/helpers/database'
import { draft, settled, startWorker, withWorld } from '#tests/functional/publishing/_fixtures'

/**
 * The app's own logger (its real configuration: mixin, redaction), writing JSON lines into
 * `lines` instead of the console, for the process-wide logger and the worker alike.
 */
function captureAppLog(lines: Record<string, any>[]) {
  const config = app.config.get<any>('logger').loggers.app
  const capture = logger.create({
    ...config,
    level: 'debug',
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  })
  const saved = logger.pino
  logger.pino = capture.pino
  return () => {
    logger.pino = saved
  }
}

test.group('Logs / delivery correlation', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('every line written while a delivery is handled carries its delivery, post and workspace ids', async ({
    assert,
    cleanup,
  }) => {
    const lines: Record<string, any>[] = []
    cleanup(captureAppLog(lines))
    const { runner } = await startWorker([], logger)
    cleanup(async () => void (await runner.stop()))
    const { post } = await draft(world, [
      { socialAccountId: world.accounts.mastodon.id },
      { socialAccountId: world.accounts.bluesky.id },
    ])
    await publishNow({ post, actor: world.owner })
    const deliveries = await settled(post.id)
    await runner.stop()

    for (const delivery of deliveries) {
      const mine = lines.filter((line) => line.deliveryId === delivery.id)
      const messages = mine.map((line) => line.msg)
      // The job's own line (its logger) and the publish path's one (the process-wide logger).
      assert.includeMembers(messages, ['delivery wake-up handled', 'delivery attempt settled'])
      for (const line of mine) {
        assert.equal(line.postId, post.id, line.msg)
        assert.equal(line.workspaceId, world.workspace.id, line.msg)
        assert.equal(line.queue, 'publish', line.msg)
        assert.isString(line.jobId, line.msg)
      }
      const settledLine = mine.find((line) => line.msg === 'delivery attempt settled')!
      assert.equal(settledLine.network, delivery.network)
      assert.equal(settledLine.status, 'published')
    }
    // Two deliveries handled side by side never lend each other their ids.
    const jobIds = new Set(
      deliveries.map((d) => lines.find((line) => line.deliveryId === d.id)!.jobId)
    )
    assert.equal(jobIds.size, 2)
  })
})
