import {
  failed,
  ok,
  unauthorized,
  type MediaItem,
  type PublishContext,
  type PublishOutcome,
  type Published,
  type Result,
} from '#sdk'
import { sessionEnded } from './auth.js'
import { communityName, type LemmyOptions } from './options.js'
import { accountHttp, accountOrigin } from './urls.js'

interface PostView {
  post: { id: number; name: string; body?: string; ap_id: string; community_id: number }
  counts: { upvotes: number; comments: number }
}

/** A failed answer as the pipeline needs it: a logged-out token is `unauthorized`, whatever its status. */
function settled<T>(result: Result<T>) {
  if (result.status !== 'ok' && sessionEnded(result)) return unauthorized(result.reason)
  return result
}

/** The community's id on the account's instance (a remote one is federated in by name@host). */
async function communityId(ctx: PublishContext<LemmyOptions>): Promise<Result<number>> {
  const found = await accountHttp(ctx).send<{ community_view: { community: { id: number } } }>({
    url: '/community',
    query: { name: communityName(ctx.post.options) },
    bearer: ctx.token.accessToken,
  })
  if (found.status === 'error' && found.networkError === 'couldnt_find_community')
    return failed(found.reason, false, 'community_not_found')
  const answer = settled(found)
  return answer.status === 'ok' ? ok(answer.value.body.community_view.community.id) : answer
}

/** Uploads an image to the instance's pict-rs and gives its address. */
async function uploadImage(ctx: PublishContext<LemmyOptions>, item: MediaItem) {
  const form = new FormData()
  const bytes = await item.read()
  form.append('images[]', new Blob([new Uint8Array(bytes)], { type: item.mimeType }), 'image')
  const origin = accountOrigin(ctx)
  const sent = await ctx.http.withBaseUrl(origin).send<{
    msg: string
    files?: { file: string; delete_token: string }[]
  }>({ method: 'POST', url: '/pictrs/image', bearer: ctx.token.accessToken, body: form })
  const answer = settled(sent)
  if (answer.status !== 'ok') return answer
  const file = answer.value.body.files?.[0]?.file
  if (answer.value.body.msg !== 'ok' || !file)
    return failed(`image refused: ${answer.value.body.msg}`, false, 'image_refused')
  return ok(`${origin}/pictrs/image/${file}`)
}

const published = (view: PostView) => ({ externalId: String(view.post.id), url: view.post.ap_id })

/** Creates the post in the chosen community: the title option, the text as body, one image. */
export async function publishPost(
  ctx: PublishContext<LemmyOptions>
): Promise<PublishOutcome<Published>> {
  const community = await communityId(ctx)
  if (community.status !== 'ok') return community
  const [image] = ctx.post.media
  let url: string | undefined
  if (image) {
    const uploaded = await uploadImage(ctx, image)
    if (uploaded.status !== 'ok') return uploaded
    url = uploaded.value
  }
  const created = await accountHttp(ctx).send<{ post_view: PostView }>({
    method: 'POST',
    url: '/post',
    bearer: ctx.token.accessToken,
    json: {
      name: String(ctx.post.options.title ?? '').trim(),
      community_id: community.value,
      ...(ctx.post.text ? { body: ctx.post.text } : {}),
      ...(url ? { url } : {}),
      ...(image?.altText ? { alt_text: image.altText } : {}),
      ...(ctx.post.options.nsfw ? { nsfw: true } : {}),
    },
  })
  const answer = settled(created)
  return answer.status === 'ok' ? ok(published(answer.value.body.post_view)) : answer
}

/**
 * Finds a post whose answer was lost among the account's newest posts (`GET /user`), by
 * community, title and body. Best effort: the listing is the instance's view, after moderation.
 */
export async function findPostByIdempotencyKey(
  ctx: PublishContext<LemmyOptions>
): Promise<Result<Published | null>> {
  const community = await communityId(ctx)
  if (community.status !== 'ok') return community
  const listed = await accountHttp(ctx).send<{ posts: PostView[] }>({
    url: '/user',
    query: { person_id: String(ctx.account.meta?.personId ?? ''), sort: 'New', limit: '20' },
    bearer: ctx.token.accessToken,
  })
  const answer = settled(listed)
  if (answer.status !== 'ok') return answer
  const title = String(ctx.post.options.title ?? '').trim()
  const match = answer.value.body.posts.find(
    (view) =>
      view.post.community_id === community.value &&
      view.post.name === title &&
      (view.post.body ?? '') === ctx.post.text
  )
  return ok(match ? published(match) : null)
}
