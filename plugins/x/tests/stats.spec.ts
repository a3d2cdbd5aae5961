import { test } from '@japa/runner'
import x from '../index.js'
import { connectedFake } from './helpers.js'

test.group('x stats', () => {
  test('asks for 100 ids at a time and maps public_metrics', async ({ assert, cleanup }) => {
    const { fake, account } = await connectedFake()
    cleanup(() => fake.close())
    const ids = Array.from({ length: 150 }, (_, i) => fake.seedTweet(`post ${i}`))
    fake.setMetrics(ids[120], { likes: 5, shares: 4, comments: 3, quotes: 2, saves: 1, views: 99 })
    const stats = await x.fetchStats!(account, [...ids, '1999999999999999999'])
    if (stats.status !== 'ok') return assert.fail(JSON.stringify(stats))
    assert.lengthOf(fake.server.requestsTo('GET', '/2/tweets'), 2)
    assert.lengthOf(Object.keys(stats.value), 150, 'an unknown id is left out')
    assert.deepEqual(stats.value[ids[120]], {
      likes: 5,
      shares: 4,
      comments: 3,
      quotes: 2,
      saves: 1,
      views: 99,
      reach: null,
      clicks: null,
    })
  })

  test('account figures come from /2/users/me', async ({ assert, cleanup }) => {
    const { fake, account } = await connectedFake()
    cleanup(() => fake.close())
    assert.deepEqual(await x.fetchAccountStats!(account), {
      status: 'ok',
      value: { followers: 1280, following: 42, posts: 0 },
    })
  })
})
