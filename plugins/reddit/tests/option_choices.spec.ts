import { test } from '@japa/runner'
import reddit from '../index.js'
import { connectedFake } from './helpers.js'

test.group('reddit: flair choices', (group) => {
  let env: Awaited<ReturnType<typeof connectedFake>>
  group.each.setup(async () => {
    env = await connectedFake()
    return () => env.close()
  })

  test('the chosen subreddit’s link flair templates, with or without "r/"', async ({ assert }) => {
    const expected = {
      status: 'ok',
      value: [
        { value: 'f1a1r-0c', label: 'OC' },
        { value: 'f1a1r-q', label: 'Question' },
      ],
    }
    assert.deepEqual(
      await reddit.optionChoices!(env.account, 'flairId', { subreddit: 'flairme' }),
      expected
    )
    assert.deepEqual(
      await reddit.optionChoices!(env.account, 'flairId', { subreddit: 'r/FlairMe' }),
      expected
    )
  })

  test('no flairs without a subreddit, for an unknown one, or one that has none', async ({
    assert,
  }) => {
    const before = env.fake.server.requests.length
    assert.deepEqual(await reddit.optionChoices!(env.account, 'flairId', {}), {
      status: 'ok',
      value: [],
    })
    assert.deepEqual(
      await reddit.optionChoices!(env.account, 'flairId', { subreddit: 'no/such thing' }),
      { status: 'ok', value: [] }
    )
    assert.equal(env.fake.server.requests.length, before, 'an invalid name is not sent')
    assert.deepEqual(
      await reddit.optionChoices!(env.account, 'flairId', { subreddit: 'doesnotexist' }),
      { status: 'ok', value: [] }
    )
    assert.deepEqual(
      await reddit.optionChoices!(env.account, 'flairId', { subreddit: 'pistache' }),
      { status: 'ok', value: [] }
    )
  })
})
