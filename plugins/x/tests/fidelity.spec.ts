import { test } from '@japa/runner'
import { checkPost } from '#sdk'
import { imageFixture, videoFixture } from '#sdk/testing/media_fixtures'
import x from '../index.js'
import { MAX_CHECK_AFTER_SECS } from '../media.js'
import { connectedFake } from './helpers.js'

/** What X's live API does that its pinned spec cannot say (issue: fidelity to the live networks). */
test.group('x fidelity to the live API', () => {
  test('post lookups send tweet.fields; the fake refuses post.fields as X does', async ({
    assert,
    cleanup,
  }) => {
    const { fake, account } = await connectedFake()
    cleanup(() => fake.close())
    const id = fake.seedTweet('Counted')
    fake.setMetrics(id, { likes: 2 })
    const stats = await x.fetchStats!(account, [id])
    assert.equal(stats.status, 'ok')
    const [lookup] = fake.server.requestsTo('GET', '/2/tweets')
    assert.equal(lookup.query.get('tweet.fields'), 'public_metrics')
    const refused = await account.http.send({
      url: '/2/tweets',
      query: { 'ids': id, 'post.fields': 'public_metrics' },
      bearer: account.token.accessToken,
    })
    assert.deepInclude(refused, { status: 'error', httpStatus: 400 })
  })

  test('a huge check_after_secs is capped, a nonsense one read as 1 s', async ({
    assert,
    cleanup,
  }) => {
    const { fake, publishContext } = await connectedFake({ mediaWaitSeconds: 0 })
    cleanup(() => fake.close())
    fake.checkAfterSecs = 10 * 365 * 24 * 3600
    const parked = await x.publish(publishContext({ text: 'A video', media: [videoFixture()] }))
    assert.deepInclude(parked, { status: 'pending', checkAfter: MAX_CHECK_AFTER_SECS })
    fake.checkAfterSecs = -5
    const odd = await x.publish(publishContext({ text: 'A video', media: [videoFixture()] }))
    assert.deepInclude(odd, { status: 'pending', checkAfter: 1 })
  })

  test('GIFs up to 15 MB and MOV videos are accepted; photos stay at 5 MB', ({ assert }) => {
    const mb = 1024 * 1024
    const gif = { ...imageFixture(null, { mimeType: 'image/gif' }), bytes: 12 * mb }
    const png = { ...imageFixture(null), bytes: 6 * mb }
    const mov = videoFixture({ mimeType: 'video/quicktime' })
    const issues = (media: any[]) =>
      checkPost(x, { text: 'Media', media, options: {} }).map((issue) => issue.code)
    assert.deepEqual(issues([gif]), [])
    assert.deepEqual(issues([mov]), [])
    assert.deepEqual(issues([png]), ['media_too_large'])
    assert.deepEqual(issues([{ ...gif, bytes: 16 * mb }]), ['media_too_large'])
  })

  test('a MOV goes up as a tweet_video and is posted', async ({ assert, cleanup }) => {
    const { fake, publishContext } = await connectedFake({ mediaWaitSeconds: 10 })
    cleanup(() => fake.close())
    fake.processingPolls = 0
    const outcome = await x.publish(
      publishContext({ media: [videoFixture({ mimeType: 'video/quicktime' })] })
    )
    assert.equal(outcome.status, 'ok', JSON.stringify(outcome))
    const [init] = fake.server.requestsTo('POST', '/2/media/upload/initialize')
    assert.deepInclude(init.body, { media_type: 'video/quicktime', media_category: 'tweet_video' })
  })
})
