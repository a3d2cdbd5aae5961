import {
  failed,
  ok,
  type PublishOutcome,
  type PublishPartContext,
  type Published,
  type Result,
} from '#sdk'
import type { GraphClient } from './graph_client.js'

/** Comments looked through when settling an unanswered one: a first comment is among the first few. */
const RECENT_COMMENTS = 50

/** Meta may trim surrounding whitespace and normalise line endings; nothing else is rewritten. */
const normal = (text: string) => text.replace(/\r\n?/g, '\n').normalize('NFC').trim()

/** How one network names a comment's text field and where a comment is seen. */
export interface CommentEdge {
  /** `message` on Facebook, `text` on Instagram. */
  textField: string
  urlOf(commentId: string): string | null
}

/** Graph networks take a first comment only: a thread part is refused before anything is sent. */
export function notAFirstComment(
  ctx: PublishPartContext<unknown>,
  network: string
): PublishOutcome<Published> | null {
  return ctx.part.kind === 'first_comment'
    ? null
    : failed(`${network} has no threads: only a first comment`, false, 'part_kind_not_supported')
}

/**
 * POST /{root-id}/comments (the same edge on Facebook posts and Instagram media), as the
 * account whose token is in `ctx`. Graph keeps no idempotency key: an unanswered call comes back
 * `ambiguous` from the HTTP layer and is settled by `findOwnComment`.
 */
export async function postComment(
  api: GraphClient,
  ctx: PublishPartContext<unknown>,
  fields: Record<string, string>,
  edge: CommentEdge
): Promise<PublishOutcome<Published>> {
  const created = await api.send<{ id: string }>({
    method: 'POST',
    url: `${ctx.root.externalId}/comments`,
    form: fields,
    token: ctx.token.accessToken,
  })
  if (created.status !== 'ok') return created
  return ok({ externalId: created.value.body.id, url: edge.urlOf(created.value.body.id) })
}

/**
 * The account's own comment with this part's text under the root post, or null. Graph lists a
 * post's comments with their author (`from`), so someone else's identical comment is not taken
 * for ours; two identical comments of our own cannot be told apart (the first listed is taken).
 */
export async function findOwnComment(
  api: GraphClient,
  ctx: PublishPartContext<unknown>,
  edge: CommentEdge
): Promise<Result<Published | null>> {
  const listed = await api.send<{
    data: ({ id: string; from?: { id?: string } } & Record<string, unknown>)[]
  }>({
    url: `${ctx.root.externalId}/comments`,
    query: { fields: `id,${edge.textField},from`, limit: RECENT_COMMENTS },
    token: ctx.token.accessToken,
  })
  if (listed.status !== 'ok') return listed
  const wanted = normal(ctx.post.text)
  const found = listed.value.body.data.find(
    (comment) =>
      comment.from?.id === ctx.account.externalId &&
      normal(String(comment[edge.textField] ?? '')) === wanted
  )
  return ok(found ? { externalId: found.id, url: edge.urlOf(found.id) } : null)
}
