import {
  ok,
  type AccountContext,
  type MediaItem,
  type PublishContext,
  type PublishOutcome,
  type Published,
  type Result,
} from '#sdk'
import type { TumblrOptions } from './options.js'
import { accountHttp, blogPath } from './urls.js'

interface NpfPost {
  id_string: string
  post_url: string
  content: { type: string; text?: string }[]
}

/** The post's text as NPF text blocks: one paragraph per line. */
export function textBlocks(text: string) {
  return text ? text.split('\n').map((line) => ({ type: 'text', text: line })) : []
}

/** An uploaded file's block: the media object names the multipart part holding its bytes. */
function mediaBlock(item: MediaItem, identifier: string) {
  const media = {
    type: item.mimeType,
    identifier,
    ...(item.width && item.height ? { width: item.width, height: item.height } : {}),
  }
  if (item.kind === 'video') return { type: 'video', media }
  return { type: 'image', media: [media], ...(item.altText ? { alt_text: item.altText } : {}) }
}

const postUrl = (ctx: AccountContext, id: string) => {
  const blog = ctx.account.profileUrl ?? `https://${String(ctx.account.meta?.blogName)}.tumblr.com/`
  return `${blog.replace(/\/$/, '')}/post/${id}`
}

/**
 * One NPF post, published now: the text's paragraphs then the media, uploaded in the same
 * multipart request (the JSON body first, then one part per file, named by its identifier).
 */
export async function publishPost(
  ctx: PublishContext<TumblrOptions>
): Promise<PublishOutcome<Published>> {
  const { text, media, options } = ctx.post
  const body = {
    content: [
      ...textBlocks(text),
      ...media.map((item, index) => mediaBlock(item, `media-${index}`)),
    ],
    state: 'published',
    ...(options.tags ? { tags: String(options.tags) } : {}),
  }
  const form = new FormData()
  // The JSON body is the first part, named `json` (as Tumblr's own clients send it).
  form.append('json', JSON.stringify(body))
  for (const [index, item] of media.entries()) {
    const bytes = await item.read()
    const extension = item.mimeType.split('/')[1] ?? 'bin'
    form.append(
      `media-${index}`,
      new Blob([new Uint8Array(bytes)], { type: item.mimeType }),
      `media-${index}.${extension}`
    )
  }
  const created = await accountHttp(ctx).send<{ response: { id: string } }>({
    method: 'POST',
    url: blogPath(ctx, 'posts'),
    bearer: ctx.token.accessToken,
    ...(media.length ? { body: form } : { json: body }),
  })
  if (created.status !== 'ok') return created
  const id = String(created.value.body.response.id)
  return ok({ externalId: id, url: postUrl(ctx, id) })
}

/** A listed post's text as the plugin wrote it: its text blocks, one per line. */
const textOf = (post: NpfPost) =>
  post.content
    .filter((block) => block.type === 'text')
    .map((block) => block.text ?? '')
    .join('\n')

/**
 * Finds a post whose answer was lost among the blog's 20 newest posts (NPF), by its text.
 * Best effort: a backdated or queued post is not among them.
 */
export async function findPostByIdempotencyKey(
  ctx: PublishContext<TumblrOptions>
): Promise<Result<Published | null>> {
  const listed = await accountHttp(ctx).send<{ response: { posts: NpfPost[] } }>({
    url: blogPath(ctx, 'posts'),
    // An API-key route: the consumer key identifies the app, the token the user.
    query: { api_key: ctx.settings.clientId ?? '', npf: 'true', limit: '20' },
    bearer: ctx.token.accessToken,
  })
  if (listed.status !== 'ok') return listed
  const found = listed.value.body.response.posts.find((post) => textOf(post) === ctx.post.text)
  return ok(found ? { externalId: found.id_string, url: found.post_url } : null)
}
