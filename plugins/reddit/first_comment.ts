import {
  ambiguous,
  failed,
  ok,
  type PublishOutcome,
  type PublishPartContext,
  type Published,
  type Result,
} from '#sdk'
import { unwrapJson, type RedditJson } from './errors.js'
import type { RedditOptions } from './options.js'
import { usernameOf } from './profile.js'
import { redditHttp, redditUrls } from './settings.js'

/** The user's comments read back when settling a lost answer: the first comment is among the newest. */
const PAGE = 25

interface CommentThing {
  kind?: string
  data?: { name?: string; parent_id?: string; body?: string; author?: string; permalink?: string }
}

const commentUrl = (ctx: PublishPartContext<RedditOptions>, permalink: string | undefined) =>
  permalink ? `${redditUrls(ctx.settings).web.replace(/\/$/, '')}${permalink}` : ctx.root.url

/**
 * The first comment under the submission, by the user: POST /api/comment with api_type=json,
 * `thing_id` = the link's fullname (t3_…) and `text` (markdown, ≤ 10,000 characters in r2's
 * validator; text only). The answer is `json.data.things[0]`, a t1 comment. No idempotency key.
 */
export async function publishFirstComment(
  ctx: PublishPartContext<RedditOptions>
): Promise<PublishOutcome<Published>> {
  if (ctx.part.kind !== 'first_comment')
    return failed(
      'Reddit has no threads here: only a first comment',
      false,
      'part_kind_not_supported'
    )
  const created = unwrapJson<{ things?: CommentThing[] }>(
    await redditHttp(ctx).send<RedditJson<{ things?: CommentThing[] }>>({
      method: 'POST',
      url: '/api/comment',
      bearer: ctx.token.accessToken,
      form: { api_type: 'json', thing_id: ctx.root.externalId, text: ctx.post.text },
    })
  )
  if (created.status !== 'ok') return created
  const comment = created.value.things?.[0]?.data
  if (!comment?.name) return ambiguous('Reddit answered the comment without its fullname')
  return ok({ externalId: comment.name, url: commentUrl(ctx, comment.permalink) })
}

/** Settles a lost answer: the user's newest comments, one under the link with the same body. */
export async function findFirstComment(
  ctx: PublishPartContext<RedditOptions>
): Promise<Result<Published | null>> {
  const listed = await redditHttp(ctx).send<{ data?: { children?: CommentThing[] } }>({
    url: `/user/${encodeURIComponent(usernameOf(ctx))}/comments`,
    query: { limit: PAGE, sort: 'new' },
    bearer: ctx.token.accessToken,
  })
  if (listed.status !== 'ok') return listed
  const match = (listed.value.body.data?.children ?? []).find(
    (thing) => thing.data?.parent_id === ctx.root.externalId && thing.data?.body === ctx.post.text
  )?.data
  return ok(match?.name ? { externalId: match.name, url: commentUrl(ctx, match.permalink) } : null)
}
