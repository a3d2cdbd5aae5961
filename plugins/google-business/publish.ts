import { ok, type PublishContext, type PublishOutcome, type Published, type Result } from '#sdk'
import type { GoogleBusinessOptions } from './options.js'
import { apiHttp, localPostsPath } from './urls.js'

interface LocalPost {
  name: string
  summary?: string
  searchUrl?: string
  state?: string
}

const published = (post: LocalPost) => ({ externalId: post.name, url: post.searchUrl ?? null })

/** A STANDARD ("What's new") local post: the summary, one photo by URL, an optional button. */
export async function publishPost(
  ctx: PublishContext<GoogleBusinessOptions>
): Promise<PublishOutcome<Published>> {
  const { text, media, options } = ctx.post
  const created = await apiHttp(ctx, 'posts').send<LocalPost>({
    method: 'POST',
    url: localPostsPath(ctx),
    bearer: ctx.token.accessToken,
    json: {
      topicType: 'STANDARD',
      ...(text ? { summary: text } : {}),
      ...(media.length
        ? { media: media.map((item) => ({ mediaFormat: 'PHOTO', sourceUrl: item.publicUrl })) }
        : {}),
      ...(options.action
        ? {
            callToAction: {
              actionType: options.action,
              ...(options.action === 'CALL' ? {} : { url: options.actionUrl }),
            },
          }
        : {}),
    },
  })
  return created.status === 'ok' ? ok(published(created.value.body)) : created
}

/** Finds a post whose answer was lost among the location's listed posts, by its summary. */
export async function findPostByIdempotencyKey(
  ctx: PublishContext<GoogleBusinessOptions>
): Promise<Result<Published | null>> {
  const listed = await apiHttp(ctx, 'posts').send<{ localPosts?: LocalPost[] }>({
    url: localPostsPath(ctx),
    query: { pageSize: '100' },
    bearer: ctx.token.accessToken,
  })
  if (listed.status !== 'ok') return listed
  const found = (listed.value.body.localPosts ?? []).find(
    (post) => (post.summary ?? '') === ctx.post.text
  )
  return ok(found ? published(found) : null)
}
