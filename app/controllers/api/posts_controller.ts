import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import type Post from '#models/post'
import { createPost } from '#actions/posts/create_post'
import { updatePost } from '#actions/posts/update_post'
import { deletePost } from '#actions/posts/delete_post'
import { schedulePost } from '#actions/posts/schedule_post'
import { publishNow } from '#actions/posts/publish_now'
import { actorOf } from '#policies/actor'
import { nextFreeSlot } from '#services/posts/next_free_slot'
import { apiPostListValidator, apiPostValidator, apiScheduleValidator } from '#validators/api'
import { ApiError, validated } from '#services/api/errors'
import { runIdempotent, requestHash } from '#services/api/idempotency'
import { toApiChecks, toApiPost } from '#services/api/serializers'
import { signTargets } from '#services/library/auto_signatures'
import {
  checkMediaIds,
  findApiPost,
  listApiPosts,
  refusal,
  reloadApiPost,
} from '#services/api/posts'

type PostPayload = Awaited<ReturnType<typeof apiPostValidator.validate>>

const toTargets = (payload: PostPayload) =>
  payload.targets.map((target) => ({
    socialAccountId: target.accountId,
    text: target.text ?? null,
    options: target.options as Record<string, unknown> | undefined,
    parts: target.parts ? toParts(target.parts) : null,
  }))
type ApiParts = NonNullable<PostPayload['parts']>
const toParts = (parts: ApiParts) =>
  parts.map((part) => ({
    kind: part.kind,
    text: part.text,
    media: (part.media ?? []).map((item) => ({
      mediaAssetId: item.mediaId,
      altText: item.altText ?? null,
    })),
  }))
/** Every media id the request names: the post's and its follow-ups', all checked for ownership. */
const mediaIdsOf = (payload: PostPayload) => [
  ...(payload.media?.map((item) => item.mediaId) ?? []),
  ...[payload.parts ?? [], ...payload.targets.map((target) => target.parts ?? [])]
    .flat()
    .flatMap((part) => (part.media ?? []).map((item) => item.mediaId)),
]
const toMedia = (payload: PostPayload) =>
  payload.media?.map((item) => ({ mediaAssetId: item.mediaId, altText: item.altText ?? null }))

/** /api/v1/posts: the token's workspace only; every refusal in the documented error shape. */
export default class ApiPostsController {
  async index({ request, workspace, member, bouncer }: HttpContext) {
    await bouncer.with('PostPolicy').authorize('view', member)
    const filters = await validated(() => apiPostListValidator.validate(request.qs()))
    const { posts, nextCursor } = await listApiPosts(workspace.id, filters)
    return { data: posts.map(toApiPost), nextCursor }
  }

  async show({ params, workspace, member, bouncer }: HttpContext) {
    const post = await findApiPost(workspace.id, params.post)
    await bouncer.with('PostPolicy').authorize('view', member, post)
    return { data: toApiPost(post) }
  }

  /** Creates a draft. With `Idempotency-Key`, a retry of the same request gets the same answer. */
  async store(ctx: HttpContext) {
    const { request, response, workspace, member, bouncer, apiToken } = ctx
    await bouncer.with('PostPolicy').authorize('edit', member)
    const create = async () => {
      const payload = await validated(() => request.validateUsing(apiPostValidator))
      await checkMediaIds(workspace.id, mediaIdsOf(payload))
      const result = await createPost({
        workspace,
        author: actorOf(ctx),
        body: payload.body,
        // createPost adds the accounts' automatic signatures.
        targets: toTargets(payload),
        media: toMedia(payload),
        parts: toParts(payload.parts ?? []),
      })
      if (result.status !== 'created') throw refusal(result)
      return {
        status: 201,
        body: {
          data: toApiPost(await reloadApiPost(result.post)),
          checks: toApiChecks(result.checks),
        },
      }
    }
    const key = request.header('idempotency-key')
    if (key === undefined) {
      const created = await create()
      return response.status(created.status).json(created.body)
    }
    if (!/^[\x21-\x7e]{1,255}$/.test(key))
      throw new ApiError(
        400,
        'bad_request',
        'Idempotency-Key must be 1 to 255 visible ASCII characters'
      )
    const hash = requestHash('POST', '/api/v1/posts', request.body())
    const result = await runIdempotent({ tokenId: apiToken.id, key, hash }, create)
    if (result.replayed) response.header('Idempotent-Replayed', 'true')
    return response.status(result.status).json(result.body)
  }

  async update(ctx: HttpContext) {
    const { params, request, workspace, member, bouncer } = ctx
    const post = await findApiPost(workspace.id, params.post)
    await bouncer.with('PostPolicy').authorize('edit', member, post)
    const payload = await validated(() => request.validateUsing(apiPostValidator))
    await checkMediaIds(workspace.id, mediaIdsOf(payload))
    // Accounts already on the post keep their text; one the request adds is signed, as in the composer.
    const present = post.deliveries
      .filter((delivery) => delivery.status !== 'cancelled')
      .flatMap((delivery) => delivery.socialAccountId ?? [])
    const result = await updatePost({
      post,
      actor: actorOf(ctx),
      body: payload.body,
      targets: await signTargets(workspace.id, payload.body, toTargets(payload), present),
      media: toMedia(payload),
      parts: toParts(payload.parts ?? []),
    })
    if (result.status !== 'updated') throw refusal(result)
    return { data: toApiPost(await reloadApiPost(result.post)), checks: toApiChecks(result.checks) }
  }

  async destroy(ctx: HttpContext) {
    const { params, response, workspace, member, bouncer } = ctx
    const post = await findApiPost(workspace.id, params.post)
    await bouncer.with('PostPolicy').authorize('edit', member, post)
    const result = await deletePost({ post, actor: actorOf(ctx) })
    if (result.status !== 'deleted') throw refusal(result)
    return response.noContent()
  }

  /** Schedules at an instant, or in the next free slot of the posting schedule (`queue: true`). */
  async schedule(ctx: HttpContext) {
    const { params, request, workspace, member, bouncer } = ctx
    const post = await findApiPost(workspace.id, params.post)
    await bouncer.with('PostPolicy').authorize('edit', member, post)
    const payload = await validated(() => request.validateUsing(apiScheduleValidator))
    let at: DateTime
    if (payload.queue) {
      const slot = await nextFreeSlot(workspace)
      if (slot.status !== 'ok') throw refusal(slot)
      at = slot.at
    } else {
      at = DateTime.fromISO(payload.at!, { setZone: true }).toUTC()
      if (!at.isValid)
        throw new ApiError(422, 'validation_failed', 'Invalid instant', { at: payload.at })
      if (at.toMillis() < Date.now() - 60_000) throw refusal({ status: 'past' })
    }
    const result = await schedulePost({ post, actor: actorOf(ctx), at })
    if (!['scheduled', 'pending_approval', 'awaiting_client'].includes(result.status))
      throw refusal(result)
    return { data: toApiPost(await reloadApiPost((result as { post: Post }).post)) }
  }

  async publishNow(ctx: HttpContext) {
    const { params, workspace, member, bouncer } = ctx
    const post = await findApiPost(workspace.id, params.post)
    await bouncer.with('PostPolicy').authorize('edit', member, post)
    const result = await publishNow({ post, actor: actorOf(ctx) })
    if (!['scheduled', 'pending_approval', 'awaiting_client'].includes(result.status))
      throw refusal(result)
    return { data: toApiPost(await reloadApiPost((result as { post: Post }).post)) }
  }
}
