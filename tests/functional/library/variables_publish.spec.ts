import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import LibraryItem from '#models/library_item'
import Post from '#models/post'
import { publishNow } from '#actions/posts/publish_now'
import { withCleanState } from '#tests/helpers/database'
import {
  draft,
  publishRequests,
  settled,
  startWorker,
  withWorld,
} from '#tests/functional/publishing/_fixtures'

const variable = (workspaceId: number, name: string, body: string) =>
  LibraryItem.create({
    workspaceId,
    kind: 'variable',
    name,
    body,
    networkVariants: {},
    media: [],
    autoNetworks: [],
    autoAccountIds: [],
    createdById: null,
  })

test.group('Content library / variables are filled when a post is published', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('each network receives the text with the workspace’s, the account’s and the post’s values', async ({
    assert,
    cleanup,
  }) => {
    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    await variable(world.workspace.id, 'link', 'https://bakery.example')
    // A value that itself looks like a variable is published as written: one pass, no recursion.
    await variable(world.workspace.id, 'promo', '{{link}} -10%')
    const body = '{{client}} · {{account}} · {{date}} · {{ promo }} · {{link}} · {{nope}}'
    const { post } = await draft(
      world,
      [
        { socialAccountId: world.accounts.mastodon.id },
        { socialAccountId: world.accounts.bluesky.id, text: 'Bluesky {{account}} {{link}}' },
      ],
      body
    )
    assert.equal((await publishNow({ post, actor: world.owner })).status, 'scheduled')
    const deliveries = await settled(post.id)
    assert.deepEqual(
      deliveries.map((d) => d.status),
      ['published', 'published']
    )

    const fresh = await Post.findOrFail(post.id)
    const day = (fresh.scheduledAt ?? deliveries[0].createdAt)
      .setZone(world.workspace.timezone)
      .toISODate()
    const mastodon = deliveries.find((d) => d.network === 'mastodon')!
    const bluesky = deliveries.find((d) => d.network === 'bluesky')!
    assert.equal(
      world.mastodon.storedPost(mastodon.externalId!)?.text,
      `${world.workspace.name} · ${world.accounts.mastodon.displayName} · ${day} · {{link}} -10% · https://bakery.example · {{nope}}`
    )
    assert.equal(
      world.bluesky.storedPost(bluesky.externalId!)?.text,
      `Bluesky ${world.accounts.bluesky.displayName} https://bakery.example`
    )
    // The stored post and variant keep the variables: an edit or a later re-publish fills them again.
    assert.equal(fresh.body, body)
    assert.equal(bluesky.text, 'Bluesky {{account}} {{link}}')
    assert.lengthOf(publishRequests(world.mastodon), 1)
    assert.isTrue(DateTime.fromISO(day!).isValid)
  })
})
