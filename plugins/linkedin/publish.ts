import {
  ambiguous,
  failed,
  ok,
  pending,
  withDefaults,
  type AccountContext,
  type PublishContext,
  type PublishOutcome,
  type Published,
} from '#sdk'
import { VIDEO_DEFAULTS } from './capabilities.js'
import { toLittleText } from './little_text.js'
import { pollVideos, uploadMedia, type UploadedMedia } from './media.js'
import { linkedinOptionFields, type LinkedInOptions } from './options.js'
import { authorUrn, isOrganization } from './profile.js'
import { apiHttp, postUrl, restHeaders } from './urls.js'

/** Everything needed to create the post once its video is ready; it travels as the `pending` handle. */
interface PostDraft {
  v: 1
  author: string
  commentary: string
  visibility: string
  disableReshare: boolean
  media: UploadedMedia[]
}

const CHECK_AFTER_SECONDS = 5

/** The (unconfirmed) video limits, as configured, checked before anything is uploaded. */
function videoProblem(ctx: PublishContext<LinkedInOptions>) {
  const limits = { ...VIDEO_DEFAULTS, ...ctx.settings } as typeof VIDEO_DEFAULTS
  for (const item of ctx.post.media.filter((m) => m.kind === 'video')) {
    const seconds = item.durationSeconds
    if (item.bytes > Number(limits.videoMaxBytes))
      return `video larger than ${limits.videoMaxBytes} bytes`
    if (
      seconds !== undefined &&
      (seconds < Number(limits.videoMinSeconds) || seconds > Number(limits.videoMaxSeconds))
    ) {
      return `video must last ${limits.videoMinSeconds}–${limits.videoMaxSeconds} s`
    }
  }
  return null
}

export async function publishPost(
  ctx: PublishContext<LinkedInOptions>
): Promise<PublishOutcome<Published>> {
  const options = withDefaults(
    linkedinOptionFields,
    (ctx.post.options ?? {}) as Record<string, unknown>
  ) as LinkedInOptions
  const author = authorUrn(ctx.account)
  if (options.visibility === 'CONNECTIONS' && isOrganization(ctx.account)) {
    return failed('a Page post cannot be limited to connections', false, 'option_invalid')
  }
  const tooBig = videoProblem(ctx)
  if (tooBig) return failed(tooBig, false, 'media_rejected')

  const http = apiHttp(ctx)
  const media: UploadedMedia[] = []
  for (const item of ctx.post.media) {
    const uploaded = await uploadMedia(
      { http, settings: ctx.settings, token: ctx.token.accessToken, owner: author },
      item
    )
    if (uploaded.status !== 'ok') return uploaded
    media.push(uploaded.value)
  }
  const draft: PostDraft = {
    v: 1,
    author,
    commentary: toLittleText(ctx.post.text),
    visibility: options.visibility ?? 'PUBLIC',
    disableReshare: options.disableReshare === true,
    media,
  }
  return advance(ctx, draft)
}

/** Continues a publish left `pending` while LinkedIn processed its video. */
export async function checkPostStatus(
  ctx: AccountContext,
  handle: string
): Promise<PublishOutcome<Published>> {
  let draft: PostDraft
  try {
    draft = JSON.parse(handle)
    if (draft?.v !== 1 || !Array.isArray(draft.media)) throw new Error('unknown handle')
  } catch {
    return failed('unreadable pending handle', false, 'bad_handle')
  }
  const polled = await pollVideos(apiHttp(ctx), ctx.settings, ctx.token.accessToken, draft.media)
  if (polled.status !== 'ok') return polled
  return advance(ctx, draft)
}

function advance(
  ctx: AccountContext,
  draft: PostDraft
): Promise<PublishOutcome<Published>> | PublishOutcome<Published> {
  const broken = draft.media.find((item) => item.status === 'PROCESSING_FAILED')
  if (broken)
    return failed(`LinkedIn could not process ${broken.urn}`, false, 'media_processing_failed')
  if (draft.media.some((item) => item.status !== 'AVAILABLE'))
    return pending(JSON.stringify(draft), CHECK_AFTER_SECONDS)
  return createPost(ctx, draft)
}

export function contentOf(media: UploadedMedia[]) {
  if (!media.length) return undefined
  if (media.length === 1)
    return {
      media: { id: media[0].urn, ...(media[0].altText ? { altText: media[0].altText } : {}) },
    }
  return {
    multiImage: {
      images: media.map((item) => ({
        id: item.urn,
        ...(item.altText ? { altText: item.altText } : {}),
      })),
    },
  }
}

/** POST /rest/posts: 201 with the new post's URN in `x-restli-id`. LinkedIn has no idempotency key. */
async function createPost(
  ctx: AccountContext,
  draft: PostDraft
): Promise<PublishOutcome<Published>> {
  const content = contentOf(draft.media)
  const created = await apiHttp(ctx).send({
    method: 'POST',
    url: '/rest/posts',
    headers: restHeaders(ctx.settings),
    bearer: ctx.token.accessToken,
    json: {
      author: draft.author,
      commentary: draft.commentary,
      visibility: draft.visibility,
      distribution: {
        feedDistribution: 'MAIN_FEED',
        targetEntities: [],
        thirdPartyDistributionChannels: [],
      },
      lifecycleState: 'PUBLISHED',
      isReshareDisabledByAuthor: draft.disableReshare,
      ...(content ? { content } : {}),
    },
  })
  if (created.status !== 'ok') return created
  const urn = created.value.headers.get('x-restli-id')
  // Created, but we cannot tell which post it is: reconcile rather than post again.
  if (!urn) return ambiguous('LinkedIn answered 201 without x-restli-id')
  return ok({ externalId: urn, url: postUrl(ctx.settings, urn) })
}
