import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import DeliveryMetricSnapshot from '#models/delivery_metric_snapshot'
import { BUSINESS, LOCATIONS } from '#plugins/google-business/fake/server'
import { withCleanState } from '#tests/helpers/database'
import { collectAfterAnHour, connectThroughApp, photo, withStudio } from './_done_when.js'
import { publishFromComposer } from './_one_network.js'

/**
 * Issue 24: Google Business Profile through the app — one Google sign-in lists the locations
 * it manages and the picker connects one; a local post with a photo (fetched by Google from
 * the app's signed link) and a button from the composer; no statistics collected.
 */
test.group('Done when: Google Business Profile through the app', (group) => {
  withCleanState(group)
  const studio = withStudio(group, ['google-business'])

  test('picks a location, publishes a local post with a photo and a button, collects nothing', async ({
    client,
    assert,
  }) => {
    const fake = studio.fakes['google-business']
    const paris = LOCATIONS[1]
    const account = await connectThroughApp(client, studio, 'google-business', (candidates) => {
      assert.sameMembers(
        candidates.map((candidate) => candidate.externalId),
        LOCATIONS.map((location) => location.name)
      )
      return candidates.find((candidate) => candidate.externalId === paris.name)!
    })
    assert.equal(account.displayName, paris.title)

    const { status, delivery, page } = await publishFromComposer(client, studio, {
      account,
      body: 'Our terrace opens this weekend: pistachio ice cream for everyone.',
      options: { action: 'BOOK', actionUrl: 'https://pistache.example/book' },
      photos: [{ name: 'terrace.jpg', bytes: await photo(8, 1200, 900, { grain: true }) }],
    })
    assert.equal(status, 'published')
    assert.lengthOf(fake.posts(), 1)
    const [post] = fake.posts()
    assert.equal(post.name, delivery.externalId)
    assert.isTrue(post.name.startsWith(`${BUSINESS.name}/${paris.name}/localPosts/`))
    assert.equal(post.summary, 'Our terrace opens this weekend: pistachio ice cream for everyone.')
    assert.deepEqual(post.media, [{ kind: 'image', altText: null }])
    assert.deepEqual(post.callToAction, {
      actionType: 'BOOK',
      url: 'https://pistache.example/book',
    })
    assert.match(delivery.externalUrl!, /^https:\/\/local\.google\.com\/place\?/)
    assert.equal(page.deliveries[0].status, 'published')

    // stats: false — Google retired per-post insights; nothing is scheduled or stored.
    await collectAfterAnHour([delivery])
    assert.lengthOf(await DeliveryMetricSnapshot.query().where('delivery_id', delivery.id), 0)
    const row = await db.from('deliveries').where('id', delivery.id).firstOrFail()
    assert.isNull(row.metrics_collected_at)
  })
})
