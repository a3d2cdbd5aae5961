import type Post from '#models/post'
import type Delivery from '#models/delivery'
import type SocialAccount from '#models/social_account'
import type MediaAsset from '#models/media_asset'
import type PostMedia from '#models/post_media'
import type { TargetCheck } from '#services/posts/check_targets'
import { webUrl } from '#sdk/web_url'
import type PostPart from '#models/post_part'
import { authoredList, chainView, stoppedPartOf } from '#services/posts/part_views'

/** ISO string in UTC, or null. */
const iso = (value: { toUTC(): { toISO(): string | null } } | null | undefined) =>
  value ? value.toUTC().toISO() : null

/** A delivery as the API shows it: its account, variant, state and outcome — never its plugin handles or keys. */
export function toApiTarget(delivery: Delivery, parts?: PostPart[]) {
  return {
    deliveryId: delivery.id,
    accountId: delivery.socialAccountId,
    network: delivery.network,
    text: delivery.text,
    options: delivery.options,
    status: delivery.status,
    externalUrl: webUrl(delivery.externalUrl),
    publishedAt: iso(delivery.publishedAt),
    lastError: delivery.lastError,
    /** This target's own follow-ups, or null when it takes the post's shared ones. */
    parts: delivery.ownParts ? apiParts(authoredList(parts, delivery.id)) : null,
    /** The follow-ups as published steps, once the main post is out. */
    chain: chainView(delivery.chain),
    /** Where "retry from part N" starts, when a part stopped the chain. */
    stoppedAtPart: stoppedPartOf(delivery.chain),
  }
}

/** An authored list with the API's media naming (`mediaId`, as the post's media). */
const apiParts = (list: ReturnType<typeof authoredList>) =>
  list.map(({ media, ...part }) => ({
    ...part,
    media: media.map((item) => ({ mediaId: item.mediaAssetId, altText: item.altText })),
  }))

/** A post with its deliveries (preloaded) and media (preloaded), as documented in openapi.ts `Post`. */
export function toApiPost(post: Post) {
  const deliveries = (post.deliveries ?? []).filter((delivery) => delivery.status !== 'cancelled')
  const media = [...((post.media ?? []) as PostMedia[])].sort((a, b) => a.position - b.position)
  return {
    id: post.id,
    status: post.status,
    body: post.body,
    scheduledAt: iso(post.scheduledAt),
    createdAt: iso(post.createdAt)!,
    updatedAt: iso(post.updatedAt),
    targets: deliveries
      .sort((a, b) => a.id - b.id)
      .map((delivery) => toApiTarget(delivery, post.parts)),
    media: media.map((item) => ({ mediaId: item.mediaAssetId, altText: item.altText })),
    parts: apiParts(authoredList(post.parts, null)),
  }
}

export function toApiChecks(checks: TargetCheck[]) {
  return checks.map((check) => ({
    accountId: check.socialAccountId,
    network: check.network,
    issues: check.issues,
  }))
}

/** An account and its health: whether it can publish now, and why not. */
export function toApiAccount(account: SocialAccount) {
  return {
    id: account.id,
    network: account.network,
    handle: account.handle,
    displayName: account.displayName,
    profileUrl: webUrl(account.profileUrl),
    status: account.status,
    health: {
      canPublish: account.status === 'connected',
      lastError: account.lastError,
      tokenExpiresAt: iso(account.tokenExpiresAt),
    },
    connectedAt: iso(account.connectedAt),
  }
}

export function toApiMedia(asset: MediaAsset) {
  return {
    id: asset.id,
    kind: asset.kind,
    name: asset.originalName,
    mimeType: asset.mimeType,
    bytes: asset.bytes,
    width: asset.width,
    height: asset.height,
    durationSeconds: asset.durationSeconds,
    altText: asset.altText,
    status: asset.status,
    createdAt: iso(asset.createdAt)!,
  }
}
