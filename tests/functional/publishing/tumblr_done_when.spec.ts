import { test } from '@japa/runner'
import { BLOGS } from '#plugins/tumblr/fake/server'
import { withCleanState } from '#tests/helpers/database'
import { connectThroughApp, photo, withStudio } from './_done_when.js'
import { figuresAfterAnHour, publishFromComposer } from './_one_network.js'

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

    const { status, delivery, page } = await publishFromComposer(client, studio, {
      account,
      body: 'Pistachio tart\nRecipe below, step by step.',
      options: { tags: 'baking, pistachio' },
      photos: [
        { name: 'tart.jpg', bytes: await photo(7), altText: 'A green tart on a white plate' },
      ],
    })
    assert.equal(status, 'published')
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
    assert.equal(page.deliveries[0].status, 'published')

    const figures = await figuresAfterAnHour(fake, delivery, { likes: 11, shares: 4 })
    assert.deepInclude(figures, { likes: 11, shares: 4, comments: null })
  })
})
