import { authoredList, chainView, stoppedPartOf } from '#services/posts/part_views'
import type { NetworkPlugin } from '#sdk'
import { capabilitiesOf } from '#sdk'
import type Post from '#models/post'
import type Delivery from '#models/delivery'
import type MediaAsset from '#models/media_asset'
import type PostMedia from '#models/post_media'
import type PostingSlot from '#models/posting_slot'
import type SocialAccount from '#models/social_account'
import type User from '#models/user'
import type { WorkspaceActor } from '#policies/actor'
import PostPolicy from '#policies/post_policy'
import MediaTransformer from '#transformers/media_transformer'
import { webUrl } from '#sdk/web_url'

/**
 * Posts as the pages see them. Deliveries carry the account's public profile only: no
 * token, idempotency key, lease or pending handle ever reaches the browser.
 */

/** What the viewer may do with a post, from their role and whether they wrote it. */
export function permissionsOn(post: Post, viewer: WorkspaceActor) {
  const policy = new PostPolicy()
  return {
    editable: policy.editNow(viewer.user, viewer.member, post),
    canReview:
      post.status === 'pending_approval' && policy.review(viewer.user, viewer.member, post),
  }
}

/** An account the composer can target, with the rules its live validation runs. */
export function toComposerAccount(account: SocialAccount, plugin: NetworkPlugin) {
  return {
    id: account.id,
    network: account.network,
    handle: account.handle,
    displayName: account.displayName,
    avatarUrl: webUrl(account.avatarUrl),
    status: account.status,
    capabilities: capabilitiesOf(plugin, account.toPluginProfile()),
    optionFields: plugin.optionFields,
  }
}

type OptionValue = string | number | boolean | null
const liveDeliveries = (post: Post) =>
  (post.deliveries ?? []).filter((delivery) => delivery.status !== 'cancelled')

/** A saved post as the composer reopens it. */
export function toComposerPost(post: Post, editable: boolean) {
  return {
    id: post.id,
    status: post.status,
    body: post.body,
    scheduledAt: post.scheduledAt?.toUTC().toISO() ?? null,
    reviewComment: post.reviewComment,
    editable,
    targets: liveDeliveries(post)
      .filter((delivery) => delivery.socialAccountId !== null)
      .map((delivery) => ({
        socialAccountId: delivery.socialAccountId!,
        text: delivery.text,
        options: delivery.options as Record<string, OptionValue>,
        /** Its own follow-ups, or null when it takes the shared ones. */
        parts: delivery.ownParts ? authoredList(post.parts, delivery.id) : null,
      })),
    media: (post.media ?? []).map((item: PostMedia) => ({
      mediaAssetId: item.mediaAssetId,
      altText: item.altText,
    })),
    /** The shared follow-ups (thread parts, first comment). Expects `parts` preloaded. */
    parts: authoredList(post.parts, null),
  }
}

function toPostTarget(delivery: Delivery) {
  const account = delivery.socialAccount as SocialAccount | null
  return {
    deliveryId: delivery.id,
    socialAccountId: delivery.socialAccountId,
    network: delivery.network,
    accountName: account?.displayName ?? delivery.network,
    handle: account?.handle ?? null,
    avatarUrl: webUrl(account?.avatarUrl),
    status: delivery.status,
  }
}

function excerpt(text: string, max = 180) {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** One line of the posts list. Expects `deliveries.socialAccount` and `author` preloaded. */
export function toPostRow(post: Post, viewer: WorkspaceActor) {
  return {
    id: post.id,
    status: post.status,
    excerpt: excerpt(
      post.body || liveDeliveries(post).find((delivery) => delivery.text)?.text || ''
    ),
    scheduledAt: post.scheduledAt?.toUTC().toISO() ?? null,
    updatedAt: (post.updatedAt ?? post.createdAt).toUTC().toISO()!,
    author: post.author?.fullName ?? null,
    reviewComment: post.reviewComment,
    ...permissionsOn(post, viewer),
    targets: liveDeliveries(post).map(toPostTarget),
  }
}

/** The detail page: every delivery's state. Expects deliveries.socialAccount, author and media preloaded. */
export function toPostDetail(
  post: Post,
  viewer: WorkspaceActor,
  reviewer: User | null,
  assets: Map<number, MediaAsset>,
  workspaceSlug: string
) {
  return {
    id: post.id,
    status: post.status,
    body: post.body,
    scheduledAt: post.scheduledAt?.toUTC().toISO() ?? null,
    createdAt: post.createdAt.toUTC().toISO()!,
    author: post.author?.fullName ?? null,
    reviewer: reviewer?.fullName ?? null,
    reviewedAt: post.reviewedAt?.toUTC().toISO() ?? null,
    reviewComment: post.reviewComment,
    isAuthor: post.authorId === viewer.user.id,
    ...permissionsOn(post, viewer),
    deliveries: liveDeliveries(post).map((delivery) => ({
      ...toPostTarget(delivery),
      text: delivery.textFor(post),
      attempts: delivery.attempts,
      lastError: delivery.lastError,
      lastErrorKind: delivery.lastErrorKind,
      profileUrl: webUrl((delivery.socialAccount as SocialAccount | null)?.profileUrl ?? null),
      externalUrl: webUrl(delivery.externalUrl),
      publishedAt: delivery.publishedAt?.toUTC().toISO() ?? null,
      dueAt: delivery.dueAt?.toUTC().toISO() ?? null,
      /** `account_slot` / `network_slot` while it waits for a free publish slot, else null. */
      waitingFor: delivery.waitingFor,
      /** The follow-ups as published steps (expects `deliveries.chain` preloaded). */
      chain: chainView(delivery.chain),
      stoppedAtPart: stoppedPartOf(delivery.chain),
    })),
    /** The shared follow-ups as written (expects `parts` preloaded). */
    parts: authoredList(post.parts, null),
    media: (post.media ?? []).map((item) => {
      const asset = assets.get(item.mediaAssetId)
      const view = asset ? new MediaTransformer(asset, workspaceSlug).toObject() : null
      return {
        mediaAssetId: item.mediaAssetId,
        altText: item.altText ?? view?.altText ?? null,
        name: view?.name ?? null,
        kind: view?.kind ?? null,
        thumbnailUrl: view?.thumbnailUrl ?? null,
      }
    }),
  }
}

export function toPostingSlot(slot: PostingSlot) {
  return { weekday: slot.weekday, time: slot.time }
}
