/**
 * The steps every single-network "done when" test takes after connecting: photos uploaded
 * through the library, a post scheduled from the composer to the one account and waited for,
 * the post page the user then sees, and the figures the stats run stores an hour later. Each
 * test keeps what it checks of its network (the fake's stored post, the link, the figures).
 */
import type Delivery from '#models/delivery'
import type { PostMetrics } from '#sdk'
import SocialAccount from '#models/social_account'
import {
  collectAfterAnHour,
  figuresOf,
  postPage,
  publishedDeliveries,
  scheduleFromComposer,
  uploadReady,
  type ComposerTarget,
  type NetworkId,
  type Studio,
} from './_done_when.js'

/** The one account of this network a connect saved in the studio's workspace. */
export function connectedAccount(studio: Studio<any>, network: NetworkId) {
  return SocialAccount.query()
    .where('workspace_id', studio.workspace.id)
    .where('network', network)
    .firstOrFail()
}

/**
 * Uploads the photos, schedules `body` with them (and their alt text) to the account, and waits
 * until its deliveries settle; answers the post's roll-up status, the account's delivery and the
 * post's page.
 */
export async function publishFromComposer(
  client: any,
  studio: Studio<any>,
  input: {
    account: SocialAccount
    body: string
    options?: ComposerTarget['options']
    photos: { name: string; bytes: Buffer; altText?: string }[]
  }
) {
  const mediaIds = await uploadReady(
    client,
    studio,
    input.photos.map(({ name, bytes }) => ({ name, bytes }))
  )
  const postId = await scheduleFromComposer(client, studio, {
    body: input.body,
    targets: [{ socialAccountId: input.account.id, options: input.options }],
    media: mediaIds.map((mediaAssetId, index) => ({
      mediaAssetId,
      altText: input.photos[index].altText,
    })),
  })
  const { status, byNetwork } = await publishedDeliveries(postId)
  const page = await postPage(client, studio, postId)
  return { status, delivery: byNetwork[input.account.network], page }
}

/** The figures the app stores an hour after publication, once the fake reports these ones. */
export async function figuresAfterAnHour(
  fake: { setMetrics(externalId: string, figures: Partial<PostMetrics>): void },
  delivery: Delivery,
  figures: Partial<PostMetrics>
) {
  fake.setMetrics(delivery.externalId!, figures)
  const { latest } = await collectAfterAnHour([delivery])
  return figuresOf(latest[delivery.network])
}
