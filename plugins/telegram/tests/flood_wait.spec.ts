import { test } from '@japa/runner'
import { connectThroughFake, contextFor } from '#sdk/testing/connect'
import telegram from '../index.js'
import { FakeTelegram } from '../fake/server.js'

/**
 * Telegram says how long to wait in the answer's body (`parameters.retry_after`), not in a
 * header: a publish that meets flood control waits exactly that long, not the default minute.
 */
test.group('telegram: flood control', (group) => {
  let fake: FakeTelegram
  group.each.setup(async () => {
    fake = await FakeTelegram.start()
    return () => fake.close()
  })

  test('a 429 waits the retry_after Telegram gives, and sends nothing', async ({ assert }) => {
    const connected = await connectThroughFake(telegram, fake)
    assert.equal(connected.status, 'ok')
    if (connected.status !== 'ok') return
    const [{ profile, token }] = connected.value
    fake.floodWait(37)
    const outcome = await telegram.publish({
      ...contextFor(fake),
      account: profile,
      token,
      idempotencyKey: 'flood-1',
      post: { text: 'Not now', media: [], options: {} },
    })
    assert.deepInclude(outcome, { status: 'rate_limited', retryAfter: 37 })
    assert.lengthOf(fake.posts(), 0)
  })
})
