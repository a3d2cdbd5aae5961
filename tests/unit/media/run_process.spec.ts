import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import { Queue, QueueEvents, Worker } from 'bullmq'
import type { QueueConfig } from '#queue/types'
import type { MediaConfig } from '#config/media'
import { ProcessError, runProcess } from '#services/media/run_process'

/** ffmpeg encoding a synthetic clip for about `seconds` of wall time. */
function slowEncode(seconds: number) {
  const { ffmpegPath } = app.config.get<MediaConfig>('media')
  return (timeoutMs: number) =>
    runProcess(
      ffmpegPath,
      [
        '-nostdin',
        '-v',
        'error',
        '-re',
        '-f',
        'lavfi',
        '-i',
        `testsrc=duration=${seconds}:size=320x240:rate=25`,
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-f',
        'null',
        '-',
      ],
      { timeoutMs }
    )
}

test.group('Media / child processes', () => {
  test('a transcode past its timeout is killed and reported as timed out', async ({ assert }) => {
    const started = Date.now()
    const error = await slowEncode(20)(500).catch((caught) => caught)
    assert.instanceOf(error, ProcessError)
    assert.isTrue(error.timedOut)
    assert.isBelow(Date.now() - started, 3000)
  }).timeout(8000)

  test('a job running ffmpeg longer than its lock duration keeps its lock (no stall, runs once)', async ({
    assert,
    cleanup,
  }) => {
    const base = app.config.get<QueueConfig>('queue')
    const prefix = `${base.prefix}:lock-${randomUUID().slice(0, 8)}`
    const connection = { ...(base.connection as object), maxRetriesPerRequest: null }
    const queue = new Queue('media-lock-test', { connection, prefix })
    const events = new QueueEvents('media-lock-test', { connection, prefix })
    let runs = 0
    let stalled = 0
    // Lock of 1 s, checked every 0.5 s; the encode takes ~3 s (ffmpeg -re paces to real time).
    const worker = new Worker(
      'media-lock-test',
      async () => {
        runs++
        await slowEncode(3)(20_000)
        return 'done'
      },
      { connection, prefix, lockDuration: 1000, stalledInterval: 500, maxStalledCount: 0 }
    )
    worker.on('stalled', () => stalled++)
    cleanup(async () => {
      await worker.close()
      await events.close()
      await queue.obliterate({ force: true }).catch(() => {})
      await queue.close()
    })
    await events.waitUntilReady()
    const job = await queue.add('encode', {})
    assert.equal(await job.waitUntilFinished(events, 15_000), 'done')
    assert.equal(runs, 1)
    assert.equal(stalled, 0)
  }).timeout(20_000)
})
