import {
  ambiguous,
  failed,
  ok,
  type PublishOutcome,
  type PublishPartContext,
  type Published,
  type Result,
} from '#sdk'
import { uploadMedia } from './media.js'
import type { LinkedInOptions } from './options.js'
import { authorUrn } from './profile.js'
import { apiHttp, encodeUrn, restHeaders } from './urls.js'

/** Comments read back when settling a lost answer: a first comment is among the first ones. */
const PAGE = 50

interface LinkedInComment {
  commentUrn?: string
  actor?: string
  message?: { text?: string }
}

/** A comment is seen on its post's page; LinkedIn gives comments no address of their own. */
const commentUrl = (ctx: PublishPartContext<LinkedInOptions>) => ctx.root.url

const commentsPath = (ctx: PublishPartContext<LinkedInOptions>) =>
  `/rest/socialActions/${encodeUrn(ctx.root.externalId)}/comments`

/**
 * The first comment under the post, by the same author (the member or the Page): POST
 * /rest/socialActions/{post-urn}/comments with `message.text` (plain text: comments take no
 * little-text escaping) and at most one image, uploaded first like a post's. 201 answers the
 * comment; its URN is `commentUrn` (and x-restli-id). LinkedIn has no idempotency key.
 */
export async function publishFirstComment(
  ctx: PublishPartContext<LinkedInOptions>
): Promise<PublishOutcome<Published>> {
  if (ctx.part.kind !== 'first_comment')
    return failed('LinkedIn has no threads: only a first comment', false, 'part_kind_not_supported')
  const [image, ...more] = ctx.post.media
  if (more.length || (image && image.kind !== 'image'))
    return failed('A LinkedIn comment takes one image at most', false, 'media_rejected')
  const actor = authorUrn(ctx.account)
  const http = apiHttp(ctx)
  let content: unknown[] | undefined
  if (image) {
    const uploaded = await uploadMedia(
      { http, settings: ctx.settings, token: ctx.token.accessToken, owner: actor },
      image
    )
    if (uploaded.status !== 'ok') return uploaded
    content = [{ entity: { image: uploaded.value.urn } }]
  }
  const created = await http.send<LinkedInComment>({
    method: 'POST',
    url: commentsPath(ctx),
    headers: restHeaders(ctx.settings),
    bearer: ctx.token.accessToken,
    json: {
      actor,
      object: ctx.root.externalId,
      message: { text: ctx.post.text },
      ...(content ? { content } : {}),
    },
  })
  if (created.status !== 'ok') return created
  const urn = created.value.body?.commentUrn ?? created.value.headers.get('x-restli-id')
  if (!urn) return ambiguous('LinkedIn answered 201 without the comment URN')
  return ok({ externalId: urn, url: commentUrl(ctx) })
}

/** Settles a lost answer: the author's own comment with the same text under the post, or null. */
export async function findFirstComment(
  ctx: PublishPartContext<LinkedInOptions>
): Promise<Result<Published | null>> {
  const listed = await apiHttp(ctx).send<{ elements?: LinkedInComment[] }>({
    url: commentsPath(ctx),
    query: { count: PAGE },
    headers: restHeaders(ctx.settings),
    bearer: ctx.token.accessToken,
  })
  if (listed.status !== 'ok') return listed
  const actor = authorUrn(ctx.account)
  const match = (listed.value.body.elements ?? []).find(
    (comment) => comment.actor === actor && comment.message?.text === ctx.post.text
  )
  return ok(match?.commentUrn ? { externalId: match.commentUrn, url: commentUrl(ctx) } : null)
}
