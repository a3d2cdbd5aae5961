import { test } from '@japa/runner'
import { chunkRanges, planChunks } from '../upload.js'

const MB = 1024 * 1024

test.group('tiktok chunk plan', () => {
  test('files under 5 MB go whole', ({ assert }) => {
    assert.deepEqual(planChunks(3 * MB, 10 * MB), {
      videoSize: 3 * MB,
      chunkSize: 3 * MB,
      totalChunkCount: 1,
    })
  })

  test('total_chunk_count is floor(size / chunk) and the last chunk takes the remainder', ({
    assert,
  }) => {
    const plan = planChunks(29 * MB, 10 * MB)
    assert.equal(plan.totalChunkCount, 2)
    assert.deepEqual(chunkRanges(plan), [
      [0, 10 * MB - 1],
      [10 * MB, 29 * MB - 1],
    ])
  })

  test('chunk sizes stay within 5–64 MB and at most 1000 chunks', ({ assert }) => {
    assert.equal(planChunks(6 * MB, 1 * MB).chunkSize, 5 * MB)
    assert.equal(planChunks(200 * MB, 100 * MB).chunkSize, 64 * MB)
    const huge = planChunks(4 * 1024 * MB, 1 * MB)
    assert.isAtMost(huge.totalChunkCount, 1000)
    assert.isAtMost(huge.videoSize - (huge.totalChunkCount - 1) * huge.chunkSize, 128 * MB)
  })
})
