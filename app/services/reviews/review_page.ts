import router from '@adonisjs/core/services/router'
import MediaAsset from '#models/media_asset'
import Post, { EDITABLE_POST_STATUSES } from '#models/post'
import PostComment from '#models/post_comment'
import type ReviewLink from '#models/review_link'
import type SocialAccount from '#models/social_account'
import Workspace from '#models/workspace'
import { SIGNED_MEDIA_PURPOSE } from '#services/media/signed_url'
import { networkMarks } from '#services/posts/composer_data'
import { webUrl } from '#sdk/web_url'

/** Thumbnails on a review page stay readable this long after the page was opened. */
const THUMBNAIL_SECONDS = 4 * 3600

/** A relative signed link to an asset's thumbnail: the page needs no session to show it. */
function thumbnailUrl(asset: MediaAsset) {
  if (!asset.thumbnailKey) return null
  return router.urlBuilder.signedUrlFor(
    'media.public',
    { media_asset: asset.id },
    { expiresIn: THUMBNAIL_SECONDS, purpose: SIGNED_MEDIA_PURPOSE, qs: { variant: 'thumbnail' } }
  )
}

/** The posts a link shows, each only if it still belongs to the link's workspace. */
export async function postsOfLink(link: ReviewLink) {
  return Post.query()
    .where('workspace_id', link.workspaceId)
    .whereIn('id', (sub) =>
      sub.from('review_link_posts').where('review_link_id', link.id).select('post_id')
    )
    .preload('deliveries', (deliveries) =>
      deliveries.whereNot('status', 'cancelled').orderBy('id').preload('socialAccount')
    )
    .preload('media', (media) => media.orderBy('position'))
    .orderByRaw('scheduled_at is null')
    .orderBy('scheduled_at')
    .orderBy('id')
}

/** One post of a link, or null: a post id from another link or workspace is simply unknown. */
export async function postOfLink(link: ReviewLink, postId: number) {
  return Post.query()
    .where('workspace_id', link.workspaceId)
    .where('id', postId)
    .whereIn('id', (sub) =>
      sub.from('review_link_posts').where('review_link_id', link.id).select('post_id')
    )
    .first()
}

/** Whether one of the link's posts, as the client sees it, contains this URL. */
export async function linkShowsUrl(link: ReviewLink, url: string) {
  const posts = await postsOfLink(link)
  return posts.some(
    (post) =>
      post.body.includes(url) ||
      post.deliveries.some((delivery) => delivery.textFor(post).includes(url))
  )
}

/**
 * Everything the review page shows, and nothing more: the workspace's name and time zone,
 * each post's previews (public profile of the account, text, thumbnails), its scheduled
 * time, the client's verdict and the comments left through this very link. No internal
 * comment, member, e-mail, token or other post is read here.
 */
export async function reviewPageData(link: ReviewLink) {
  const workspace = await Workspace.findOrFail(link.workspaceId)
  const posts = await postsOfLink(link)
  const assetIds = [...new Set(posts.flatMap((post) => post.media.map((m) => m.mediaAssetId)))]
  const assets = new Map(
    (assetIds.length
      ? await MediaAsset.query().where('workspace_id', workspace.id).whereIn('id', assetIds)
      : []
    ).map((asset) => [asset.id, asset])
  )
  const comments = posts.length
    ? await PostComment.query()
        .where('review_link_id', link.id)
        .where('source', 'client')
        .whereIn(
          'post_id',
          posts.map((post) => post.id)
        )
        .orderBy('id')
    : []
  const marks = await networkMarks()
  const shownAccounts = link.accountIds ? new Set(link.accountIds) : null

  return {
    workspace: { name: workspace.name, timezone: workspace.timezone },
    link: { label: link.label, expiresAt: link.expiresAt.toUTC().toISO()! },
    networks: marks,
    posts: posts.map((post) => ({
      id: post.id,
      scheduledAt: post.scheduledAt?.toUTC().toISO() ?? null,
      open: EDITABLE_POST_STATUSES.includes(post.status),
      published: ['published', 'partially_published'].includes(post.status),
      clientStatus: post.clientStatus,
      clientReviewerName: post.clientReviewerName,
      clientReviewedAt: post.clientReviewedAt?.toUTC().toISO() ?? null,
      resetAt: post.clientResetAt?.toUTC().toISO() ?? null,
      previews: post.deliveries
        .filter(
          (d) => d.socialAccountId && (!shownAccounts || shownAccounts.has(d.socialAccountId))
        )
        .map((delivery) => {
          const account = delivery.socialAccount as SocialAccount | null
          return {
            id: delivery.id,
            network: delivery.network,
            handle: account?.handle ?? '',
            displayName: account?.displayName ?? delivery.network,
            avatarUrl: webUrl(account?.avatarUrl ?? null),
            text: delivery.textFor(post),
          }
        }),
      media: post.media.map((item) => {
        const asset = assets.get(item.mediaAssetId)
        return {
          id: item.mediaAssetId,
          kind: asset?.kind ?? 'image',
          name: item.altText ?? asset?.altText ?? '',
          thumbnailUrl: asset ? thumbnailUrl(asset) : null,
        }
      }),
      comments: comments
        .filter((comment) => comment.postId === post.id)
        .map((comment) => ({
          id: comment.id,
          name: comment.clientName ?? '',
          kind: comment.kind,
          body: comment.body,
          at: comment.createdAt.toUTC().toISO()!,
        })),
    })),
  }
}

export type ReviewPageData = Awaited<ReturnType<typeof reviewPageData>>
