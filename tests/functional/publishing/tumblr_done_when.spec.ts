import { test } from '@japa/runner'
import { BLOGS } from '#plugins/tumblr/fake/server'
import { withCleanState } from '#tests/helpers/database'
import {
  collectAfterAnHour,
  connectThroughApp,
  figuresOf,
  photo,
  postPage,
  publishedDeliveries,
  scheduleFromComposer,
  uploadReady,
  withStudio,
} from './_done_when.js'

/**
 * Issue 24: Tumblr through the app — one login lists the user's blogs and the picker connects
 * the second; an NPF post of two paragraphs, a described photo and tags from the composer; its
 * likes and reblogs read back by the stats run.
 */
test.group('Done when: Tumblr through the app', (group) => {
  withCleanState(group)
  const studio = withStudio(group, ['tumblr'])

  test('picks a blog, publishes paragraphs with a described photo, reads notes back', async ({
    client,
    assert,
  }) => {
    const fake = studio.fakes.tumblr
    const recipes = BLOGS[1]
    const account = await connectThroughApp(client, studio, 'tumblr', (candidates) => {
      assert.sameMembers(
        candidates.map((candidate) => candidate.externalId),
        BLOGS.map((blog) => blog.uuid)
      )
      return candidates.find((candidate) => candidate.externalId === recipes.uuid)!
    })
    assert.equal(account.handle, recipes.name)

    const [mediaAssetId] = await uploadReady(client, studio, [
      { name: 'tart.jpg', bytes: await photo(7) },
    ])
    const postId = await scheduleFromComposer(client, studio, {
      body: 'Pistachio tart\nRecipe below, step by step.',
      targets: [{ socialAccountId: account.id, options: { tags: 'baking, pistachio' } }],
      media: [{ mediaAssetId, altText: 'A green tart on a white plate' }],
    })
    const { status, byNetwork } = await publishedDeliveries(postId)
    assert.equal(status, 'published')
    const delivery = byNetwork.tumblr
    assert.lengthOf(fake.posts(), 1)
    const [post] = fake.posts()
    assert.equal(post.blog, recipes.name)
    assert.deepEqual(
      post.content.map((block) => block.text),
      ['Pistachio tart', 'Recipe below, step by step.']
    )
    assert.deepEqual(post.media, [{ kind: 'image', altText: 'A green tart on a white plate' }])
    assert.equal(post.tags, 'baking, pistachio')
    assert.equal(
      delivery.externalUrl,
      `https://${recipes.name}.tumblr.com/post/${delivery.externalId}`
    )
    const page = await postPage(client, studio, postId)
    assert.equal(page.deliveries[0].status, 'published')

    fake.setMetrics(delivery.externalId!, { likes: 11, shares: 4 })
    const { latest } = await collectAfterAnHour([delivery])
    assert.deepInclude(figuresOf(latest.tumblr), { likes: 11, shares: 4, comments: null })
  })
})
