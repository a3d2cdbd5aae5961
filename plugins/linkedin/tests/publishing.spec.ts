import { test } from '@japa/runner'
import { imageFixture, videoFixture } from '#sdk/testing/media_fixtures'
import linkedin from '../index.js'
import { connectedFake, publishToTheEnd } from './helpers.js'

test.group('linkedin picker, pages and uploads', () => {
  test('connect offers the member and every Page they administer, each with its URN', async ({
    assert,
    cleanup,
  }) => {
    const { fake, connections } = await connectedFake()
    cleanup(() => fake.close())
    assert.deepEqual(
      connections.map((c) => [c.profile.externalId, c.profile.meta?.kind]),
      [
        ['urn:li:person:aB3dE5fG7h', 'person'],
        ['urn:li:organization:2414183', 'organization'],
        ['urn:li:organization:5580231', 'organization'],
      ]
    )
    assert.equal(
      connections[1].profile.profileUrl,
      'https://www.linkedin.com/company/pistache-agency/'
    )
    assert.isTrue(connections.every((c) => fake.isTokenValid(c.token.accessToken)))
  })

  test('an app without Page scopes connects the member alone', async ({ assert, cleanup }) => {
    const { fake, connections } = await connectedFake({ scopes: 'openid profile w_member_social' })
    cleanup(() => fake.close())
    assert.lengthOf(connections, 1)
  })

  test('a Page post is authored by the organisation and reads Page statistics', async ({
    assert,
    cleanup,
  }) => {
    const { fake, connections, publishContext, as } = await connectedFake()
    cleanup(() => fake.close())
    const page = connections[1]
    const outcome = await publishToTheEnd(publishContext(page, { text: 'From the Page' }))
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    assert.equal(fake.post(outcome.value.externalId)?.author, 'urn:li:organization:2414183')
    fake.setMetrics(outcome.value.externalId, {
      views: 50,
      reach: 40,
      clicks: 5,
      likes: 4,
      comments: 3,
      shares: 2,
    })
    const stats = await linkedin.fetchStats!(as(page), [outcome.value.externalId])
    assert.deepInclude(stats, { status: 'ok' })
    if (stats.status === 'ok')
      assert.deepInclude(stats.value[outcome.value.externalId], {
        views: 50,
        reach: 40,
        clicks: 5,
        likes: 4,
        comments: 3,
        shares: 2,
      })
  })

  test('a Page post cannot be limited to connections', async ({ assert, cleanup }) => {
    const { fake, connections, publishContext } = await connectedFake()
    cleanup(() => fake.close())
    assert.deepInclude(
      await linkedin.publish(
        publishContext(connections[1], { options: { visibility: 'CONNECTIONS' } })
      ),
      { status: 'error', code: 'option_invalid' }
    )
  })

  test('a video goes up in the parts LinkedIn assigns, finalised with their ETags, then waits for AVAILABLE', async ({
    assert,
    cleanup,
  }) => {
    const { fake, connections, publishContext } = await connectedFake()
    cleanup(() => fake.close())
    fake.partBytes = 32
    const video = videoFixture()
    const ctx = publishContext(connections[0], { media: [video] })
    const first = await linkedin.publish(ctx)
    assert.equal(first.status, 'pending')
    assert.lengthOf(
      fake.server.requestsTo('PUT', /^\/dms-uploads\/video\//),
      Math.ceil(video.bytes / 32)
    )
    const outcome = await publishToTheEnd(ctx)
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    assert.equal(fake.storedPost(outcome.value.externalId)?.media[0].kind, 'video')
  })

  test('several images become a multiImage post; one image a media post', async ({
    assert,
    cleanup,
  }) => {
    const { fake, connections, publishContext } = await connectedFake()
    cleanup(() => fake.close())
    await publishToTheEnd(
      publishContext(connections[0], {
        media: [imageFixture('one'), imageFixture('two'), imageFixture('three')],
      })
    )
    await publishToTheEnd(publishContext(connections[0], { media: [imageFixture('solo')] }))
    const bodies = fake.server.requestsTo('POST', '/rest/posts').map((r) => r.body.content)
    assert.deepEqual(
      bodies[0].multiImage.images.map((i: any) => i.altText),
      ['one', 'two', 'three']
    )
    assert.equal(bodies[1].media.altText, 'solo')
  })

  test('every REST call carries the configured LinkedIn-Version and Rest.li 2.0', async ({
    assert,
    cleanup,
  }) => {
    const { fake, connections, publishContext } = await connectedFake({ apiVersion: '202511' })
    cleanup(() => fake.close())
    await publishToTheEnd(publishContext(connections[0], { media: [imageFixture('x')] }))
    const rest = fake.server.requests.filter((r) => r.path.startsWith('/rest/'))
    assert.isNotEmpty(rest)
    assert.isTrue(
      rest.every(
        (r) =>
          r.headers['linkedin-version'] === '202511' &&
          r.headers['x-restli-protocol-version'] === '2.0.0'
      )
    )
  })

  test('an over-long video (configured limit) is refused before any upload', async ({
    assert,
    cleanup,
  }) => {
    const { fake, connections, publishContext } = await connectedFake({ videoMaxSeconds: 4 })
    cleanup(() => fake.close())
    const before = fake.server.requests.length
    assert.deepInclude(
      await linkedin.publish(publishContext(connections[0], { media: [videoFixture()] })),
      { status: 'error', retryable: false }
    )
    assert.equal(fake.server.requests.length, before)
  })
})
