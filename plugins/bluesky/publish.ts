import {
  failed,
  ok,
  unauthorized,
  type HttpClient,
  type MediaItem,
  type PostRef,
  type PublishContext,
  type PublishOutcome,
  type PublishPartContext,
  type Published,
  type Result,
} from '#sdk'
import { buildFacets } from './facets.js'
import { languagesOf, type BlueskyOptions } from './options.js'
import { recordKeyFor } from './record_key.js'
import { authedCall, pdsHttp, webBase } from './xrpc.js'

const POST = 'app.bsky.feed.post'

interface BlobRef {
  $type: 'blob'
  ref: { $link: string }
  mimeType: string
  size: number
}

const aspectRatio = (item: MediaItem) =>
  item.width && item.height
    ? { aspectRatio: { width: Math.round(item.width), height: Math.round(item.height) } }
    : {}

/** The PDS keeps an uploaded blob only if a record references it within minutes. */
async function uploadBlob(
  http: HttpClient,
  token: string,
  item: MediaItem
): Promise<Result<BlobRef>> {
  const uploaded = await authedCall<{ blob: BlobRef }>(http, token, {
    method: 'POST',
    url: '/xrpc/com.atproto.repo.uploadBlob',
    headers: { 'content-type': item.mimeType },
    body: await item.read(),
    timeoutMs: 120_000,
  })
  return uploaded.status === 'ok' ? ok(uploaded.value.body.blob) : uploaded
}

/**
 * app.bsky.embed.images (≤ 4, alt text required, may be empty) or app.bsky.embed.video.
 * The video goes to the PDS with uploadBlob, as the lexicon allows. Production Bluesky
 * prefers the video service (app.bsky.video.uploadVideo on video.bsky.app with service
 * auth, then getJobStatus), which transcodes before the post is made; that path is not
 * modelled here.
 */
async function buildEmbed(
  http: HttpClient,
  token: string,
  media: MediaItem[]
): Promise<Result<Record<string, unknown> | null>> {
  if (!media.length) return ok(null)
  const blobs: BlobRef[] = []
  for (const item of media) {
    const blob = await uploadBlob(http, token, item)
    if (blob.status !== 'ok') return blob
    blobs.push(blob.value)
  }
  const video = media.findIndex((item) => item.kind === 'video')
  if (video >= 0) {
    const item = media[video]
    return ok({
      $type: 'app.bsky.embed.video',
      video: blobs[video],
      ...(item.altText ? { alt: item.altText } : {}),
      ...aspectRatio(item),
    })
  }
  return ok({
    $type: 'app.bsky.embed.images',
    images: media.map((item, i) => ({
      image: blobs[i],
      alt: item.altText ?? '',
      ...aspectRatio(item),
    })),
  })
}

async function resolveHandle(http: HttpClient, handle: string) {
  const resolved = await http.send<{ did: string }>({
    url: '/xrpc/com.atproto.identity.resolveHandle',
    query: { handle },
  })
  return resolved.status === 'ok' ? resolved.value.body.did : null
}

/** The post in the viewer of the account's network (bsky.app, or the operator's for a network of their own). */
const postUrl = (ctx: PublishContext<BlueskyOptions>, rkey: string) =>
  `${webBase(ctx.settings)}/profile/${ctx.account.handle.replace(/^@/, '')}/post/${rkey}`

/** The post a record key names, if the repo has it. getRecord needs no auth. */
async function readPost(
  ctx: PublishContext<BlueskyOptions>,
  rkey: string
): Promise<Result<Published | null>> {
  const record = await pdsHttp(ctx).send<{ uri: string; cid: string }>({
    url: '/xrpc/com.atproto.repo.getRecord',
    query: { repo: ctx.account.externalId, collection: POST, rkey },
  })
  // getRecord with well-formed parameters answers 400 only for RecordNotFound.
  if (record.status === 'error' && record.code === 'http_400') return ok(null)
  if (record.status !== 'ok') return record
  return ok({
    externalId: record.value.body.uri,
    url: postUrl(ctx, rkey),
    replyRef: record.value.body.cid,
  })
}

/** com.atproto.repo.strongRef of a post of ours: its URI and CID (read back when not kept). */
async function strongRef(
  ctx: PublishContext<BlueskyOptions>,
  ref: PostRef
): Promise<Result<{ uri: string; cid: string }>> {
  if (ref.replyRef) return ok({ uri: ref.externalId, cid: ref.replyRef })
  const read = await readPost(ctx, ref.externalId.split('/').pop()!)
  if (read.status !== 'ok') return read
  if (!read.value?.replyRef)
    return failed(`The post to answer is gone: ${ref.externalId}`, false, 'reply_target_gone')
  return ok({ uri: ref.externalId, cid: read.value.replyRef })
}

export function publishPost(
  ctx: PublishContext<BlueskyOptions>
): Promise<PublishOutcome<Published>> {
  return createPost(ctx, null)
}

/**
 * One part of a thread: a post whose `reply` names the thread's first post (`root`) and the
 * part it answers (`parent`), both as strong refs (app.bsky.feed.post#replyRef).
 */
export async function publishReply(
  ctx: PublishPartContext<BlueskyOptions>
): Promise<PublishOutcome<Published>> {
  const root = await strongRef(ctx, ctx.root)
  if (root.status !== 'ok') return root
  const parent =
    ctx.previous.externalId === ctx.root.externalId ? root : await strongRef(ctx, ctx.previous)
  if (parent.status !== 'ok') return parent
  return createPost(ctx, { root: root.value, parent: parent.value })
}

async function createPost(
  ctx: PublishContext<BlueskyOptions>,
  reply: { root: { uri: string; cid: string }; parent: { uri: string; cid: string } } | null
): Promise<PublishOutcome<Published>> {
  const http = pdsHttp(ctx)
  const token = ctx.token.accessToken
  const did = ctx.account.externalId
  if (typeof ctx.token.expiresAt === 'number' && ctx.token.expiresAt <= Date.now()) {
    return unauthorized('the access token has expired')
  }

  const embed = await buildEmbed(http, token, ctx.post.media)
  if (embed.status !== 'ok') return embed
  const facets = await buildFacets(ctx.post.text, (handle) => resolveHandle(http, handle))
  const langs = languagesOf(ctx.post.options ?? {})
  const rkey = recordKeyFor(ctx.idempotencyKey)

  const created = await authedCall<{ uri: string; cid: string }>(http, token, {
    method: 'POST',
    url: '/xrpc/com.atproto.repo.createRecord',
    json: {
      repo: did,
      collection: POST,
      rkey,
      record: {
        $type: POST,
        text: ctx.post.text,
        createdAt: new Date().toISOString(),
        ...(facets.length ? { facets } : {}),
        ...(embed.value ? { embed: embed.value } : {}),
        ...(langs.length ? { langs } : {}),
        ...(reply ? { reply } : {}),
      },
    },
  })
  if (created.status === 'ok')
    return ok({
      externalId: created.value.body.uri,
      url: postUrl(ctx, rkey),
      replyRef: created.value.body.cid,
    })
  if (created.status !== 'error') return created
  // The record key is derived from the idempotency key, so a refused create may be the
  // collision with an earlier attempt that did go through (the PDS answers an existing
  // rkey with an error, today a 500): if the record is there, this delivery is published.
  const existing = await readPost(ctx, rkey)
  return existing.status === 'ok' && existing.value ? ok(existing.value) : created
}

/** Resolves an ambiguous publish: the record key says exactly where the post would be. */
export async function findPostByKey(
  ctx: PublishContext<BlueskyOptions>
): Promise<Result<Published | null>> {
  return readPost(ctx, recordKeyFor(ctx.idempotencyKey))
}
