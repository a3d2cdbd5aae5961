import { test } from '@japa/runner'
import { createPost } from '#actions/posts/create_post'
import { publishNow } from '#actions/posts/publish_now'
import type { TargetInput } from '#services/posts/check_targets'
import DeliveryPart from '#models/delivery_part'
import type SocialAccount from '#models/social_account'
import { ORGANIZATIONS } from '#plugins/linkedin/fake/server'
import { CHANNELS } from '#plugins/youtube/fake/server'
import { smallVideo } from '#tests/functional/media/_helpers'
import { withCleanState } from '#tests/helpers/database'
import { publishRequests } from './_fixtures.js'
import {
  connectThroughApp,
  photo,
  publishedDeliveries,
  uploadReady,
  withStudio,
  type Studio,
} from './_done_when.js'

const BAKERY_PAGE = '104000000000001'
const NETWORKS = ['instagram', 'facebook', 'linkedin', 'youtube', 'reddit'] as const
type Network = (typeof NETWORKS)[number]

/**
 * A post with a first comment, created as the posts API creates it (the shared follow-ups),
 * then published now; the worker of the studio takes it.
 */
async function postWithFirstComment(
  studio: Studio<Network>,
  input: { body: string; comment: string; targets: TargetInput[]; mediaAssetId: number }
) {
  const result = await createPost({
    workspace: studio.workspace,
    author: studio.owner,
    body: input.body,
    targets: input.targets,
    media: [{ mediaAssetId: input.mediaAssetId }],
    parts: [{ kind: 'first_comment', text: input.comment }],
  })
  if (result.status !== 'created') throw new Error(`createPost: ${result.status}`)
  for (const check of result.checks)
    if (check.issues.length) throw new Error(`draft refused: ${JSON.stringify(check.issues)}`)
  await publishNow({ post: result.post, actor: studio.owner })
  return result.post.id
}

/**
 * The account the network names as a comment's author: the IG user, the Page, the organisation
 * URN and the channel are the account's own id; Reddit names its users by their name.
 */
const authorOf = (account: SocialAccount) =>
  account.network === 'reddit' ? account.displayName : account.externalId

/**
 * Issue 19's promise for first comments: connected through the app, a post with a first comment
 * goes out through the real worker on the five networks that take one, and each network shows
 * exactly one comment under the published post, written as the post's account, while the app
 * keeps the comment as a published part with the network's id.
 */
test.group(
  'Done when: a first comment under the post on Instagram, Facebook, LinkedIn, YouTube and Reddit',
  (group) => {
    withCleanState(group)
    const studio = withStudio(group, [...NETWORKS])

    test('one comment under each published post, as the account, and the part published with its id', async ({
      client,
      assert,
    }) => {
      const { fakes } = studio
      const organisation = `urn:li:organization:${ORGANIZATIONS[0].id}`
      fakes.youtube.chooseChannelAtConsent(CHANNELS[1].id)
      const accounts: Record<Network, SocialAccount> = {
        instagram: await connectThroughApp(client, studio, 'instagram'),
        facebook: await connectThroughApp(client, studio, 'facebook', (candidates) =>
          candidates.find((c) => c.externalId === BAKERY_PAGE)!
        ),
        linkedin: await connectThroughApp(client, studio, 'linkedin', (candidates) =>
          candidates.find((c) => c.externalId === organisation)!
        ),
        youtube: await connectThroughApp(client, studio, 'youtube'),
        reddit: await connectThroughApp(client, studio, 'reddit'),
      }

      const [image] = await uploadReady(client, studio, [
        { name: 'tarte.jpg', bytes: await photo(1, 1080, 1080) },
      ])
      const [video] = await uploadReady(client, studio, [
        { name: 'four.mp4', bytes: await smallVideo(3, '360x640') },
      ])
      const tag = Math.random().toString(36).slice(2, 8)
      const comments = {
        image: `Recipe and opening hours: pistache.example/tarte ${tag}`,
        video: `The full recipe is in the first comment 🥐 ${tag}`,
      }
      const imagePost = await postWithFirstComment(studio, {
        body: 'Tarte aux pistaches, fresh from the oven',
        comment: comments.image,
        mediaAssetId: image,
        targets: [
          { socialAccountId: accounts.instagram.id },
          { socialAccountId: accounts.facebook.id },
          { socialAccountId: accounts.linkedin.id, options: { visibility: 'PUBLIC' } },
          {
            socialAccountId: accounts.reddit.id,
            options: { subreddit: 'pistache', title: 'Our pistachio tart' },
          },
        ],
      })
      const videoPost = await postWithFirstComment(studio, {
        body: 'Inside the oven #bakery',
        comment: comments.video,
        mediaAssetId: video,
        targets: [
          {
            socialAccountId: accounts.youtube.id,
            options: { title: 'Inside the oven', privacy: 'unlisted' },
          },
        ],
      })

      const images = await publishedDeliveries(imagePost, 20_000)
      const videos = await publishedDeliveries(videoPost, 20_000)
      const all = [...images.deliveries, ...videos.deliveries]
      assert.deepEqual(
        all.map((d) => [d.network, d.status, d.lastError]),
        [
          ['instagram', 'published', null],
          ['facebook', 'published', null],
          ['linkedin', 'published', null],
          ['reddit', 'published', null],
          ['youtube', 'published', null],
        ]
      )
      assert.deepEqual([images.status, videos.status], ['published', 'published'])

      for (const delivery of all) {
        const network = delivery.network as Network
        const fake = fakes[network]
        const expectedText = network === 'youtube' ? comments.video : comments.image
        assert.lengthOf(publishRequests(fake), 1, `${network}: the post published once`)

        const under = fake.commentsOn(delivery.externalId!)
        assert.deepEqual(
          under.map((comment) => [comment.text, comment.authorId]),
          [[expectedText, authorOf(accounts[network])]],
          `${network}: exactly one comment under the post, as the account`
        )

        const parts = await DeliveryPart.query().where('delivery_id', delivery.id)
        assert.deepEqual(
          parts.map((part) => [part.kind, part.position, part.status, part.externalId]),
          [['first_comment', 1, 'published', under[0].id]],
          `${network}: the part published with the comment's network id`
        )
        assert.isNotNull(parts[0].publishedAt, network)
        assert.isNotNull(parts[0].externalUrl, `${network}: the comment's link`)
      }
    }).timeout(60_000)
  }
)
