import { test } from '@japa/runner'
import reddit from '../index.js'
import { fetchRedditFigures } from '../stats.js'
import { connectedFake } from './helpers.js'

test.group('reddit stats', () => {
  test('score → likes, num_comments → comments, num_crossposts → shares; upvote ratio read alongside', async ({
    assert,
    cleanup,
  }) => {
    const { fake, account, publishContext, publish, close } = await connectedFake()
    cleanup(close)
    const outcome = await publish(publishContext({}))
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    const id = outcome.value.externalId
    fake.setMetrics(id, { likes: 42, comments: 5, shares: 1 })
    fake.setUpvoteRatio(id, 0.93)
    assert.deepEqual(await reddit.fetchStats!(account, [id, 't3_missing']), {
      status: 'ok',
      value: {
        [id]: {
          likes: 42,
          comments: 5,
          shares: 1,
          views: null,
          reach: null,
          saves: null,
          quotes: null,
          clicks: null,
        },
      },
    })
    const figures = await fetchRedditFigures(account, [id])
    assert.equal(figures.status === 'ok' && figures.value[id].upvoteRatio, 0.93)
    assert.equal(fake.server.requestsTo('GET', '/api/info')[0].query.get('id'), `${id},t3_missing`)
  })
})
