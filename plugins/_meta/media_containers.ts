import {
  ambiguous,
  failed,
  ok,
  pending,
  rateLimited,
  type AccountContext,
  type MediaItem,
  type PublishOutcome,
  type Published,
  type Result,
} from '#sdk'
import type { GraphClient } from './graph_client.js'

/**
 * The media-container publish flow Instagram and Threads share (instagram/FLOW.md and
 * threads/FLOW.md "Publish"): create one container per item (the network downloads each item
 * from its public URL), a CAROUSEL container once every item is FINISHED, wait for that one too,
 * then publish it. Waiting is not done here: an unfinished container answers `pending` with the
 * draft as handle, and checkStatus resumes from it, so a slow video never holds a worker.
 */

/** How one network spells the flow. */
export interface ContainerNetwork<Draft extends ContainerDraft> {
  /** In messages: "Instagram could not process the media…". */
  name: string
  /** What a container becomes, in messages ("media", "post"). */
  subject: string
  graph(ctx: AccountContext): GraphClient
  /** Edges of the account node. */
  edges: { containers: string; publish: string; quota: string }
  /** Posts per rolling 24 h when the quota edge does not say. */
  defaultQuota: number
  /** The container fields holding the status code and its human detail. */
  statusFields: { code: string; detail: string }
  /** Seconds before the next status read. */
  checkAfter: { media: number; video: number }
  /** Fields the published container carries (caption or text, reply control…), taken from the draft. */
  topFields(draft: Draft): Record<string, string>
}

/** The publish in progress; it travels as the `pending` handle, with the network's own fields. */
export interface ContainerDraft {
  v: 1
  /** Carousel children, created first; empty for a single item. */
  children: string[]
  /** The container to publish: the single item's, or the carousel's once its children are done. */
  container: string | null
  video: boolean
}

type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED'

/** A full rolling-24 h quota frees its oldest slot at an unknown moment: look again in an hour. */
const QUOTA_WAIT_SECONDS = 3600

/**
 * Checks the public URLs and the daily quota (before any container exists, so a refused post
 * leaves nothing behind), then creates `containers`: one means a single post, several the
 * carousel's items (their fields already say `is_carousel_item`).
 */
export async function publishThroughContainers<Draft extends ContainerDraft>(
  ctx: AccountContext,
  network: ContainerNetwork<Draft>,
  media: MediaItem[],
  draft: Draft,
  containers: Record<string, string>[]
): Promise<PublishOutcome<Published>> {
  if (media.some((item) => !item.publicUrl))
    return failed(
      `${network.name} fetches media by URL: the item has no public URL`,
      false,
      'no_public_url'
    )
  const quota = await quotaLeft(ctx, network)
  if (quota.status !== 'ok') return quota
  if (!quota.value)
    return rateLimited(
      QUOTA_WAIT_SECONDS,
      `${network.name} daily publishing limit reached (${network.edges.quota})`
    )
  if (containers.length === 1) {
    const single = await createContainer(ctx, network, {
      ...containers[0],
      ...network.topFields(draft),
    })
    if (single.status !== 'ok') return single
    draft.container = single.value
  } else {
    for (const fields of containers) {
      const child = await createContainer(ctx, network, fields)
      if (child.status !== 'ok') return child
      draft.children.push(child.value)
    }
  }
  return advance(ctx, network, draft)
}

/** checkStatus: picks the publish up where the `pending` handle left it. */
export async function resumeContainers<Draft extends ContainerDraft>(
  ctx: AccountContext,
  network: ContainerNetwork<Draft>,
  handle: string
): Promise<PublishOutcome<Published>> {
  let draft: Draft
  try {
    draft = JSON.parse(handle)
    if (draft?.v !== 1 || !Array.isArray(draft.children)) throw new Error('unknown handle')
  } catch {
    return failed('unreadable pending handle', false, 'bad_handle')
  }
  return advance(ctx, network, draft)
}

/** Where the post can be seen; null when the read fails, as the post itself is out. */
async function permalinkOf(api: GraphClient, ctx: AccountContext, id: string) {
  const read = await api.send<{ permalink?: string }>({
    url: id,
    query: { fields: 'permalink' },
    token: ctx.token.accessToken,
  })
  return read.status === 'ok' ? (read.value.body.permalink ?? null) : null
}

async function quotaLeft(
  ctx: AccountContext,
  network: ContainerNetwork<ContainerDraft>
): Promise<Result<boolean>> {
  const limit = await network
    .graph(ctx)
    .send<{ data: { quota_usage?: number; config?: { quota_total?: number } }[] }>({
      url: `${ctx.account.externalId}/${network.edges.quota}`,
      query: { fields: 'quota_usage,config' },
      token: ctx.token.accessToken,
    })
  if (limit.status !== 'ok') return limit
  const entry = limit.value.body.data?.[0]
  return ok((entry?.quota_usage ?? 0) < (entry?.config?.quota_total ?? network.defaultQuota))
}

async function createContainer(
  ctx: AccountContext,
  network: ContainerNetwork<ContainerDraft>,
  form: Record<string, string>
): Promise<Result<string>> {
  const url = `${ctx.account.externalId}/${network.edges.containers}`
  const created = await network
    .graph(ctx)
    .send<{ id: string }>({ method: 'POST', url, form, token: ctx.token.accessToken })
  return created.status === 'ok' ? ok(created.value.body.id) : created
}

async function statusOf(
  ctx: AccountContext,
  network: ContainerNetwork<ContainerDraft>,
  id: string
): Promise<Result<{ code: ContainerStatus; detail?: string }>> {
  const { code, detail } = network.statusFields
  const read = await network.graph(ctx).send<Record<string, string | undefined>>({
    url: id,
    query: { fields: `${code},${detail}` },
    token: ctx.token.accessToken,
  })
  if (read.status !== 'ok') return read
  return ok({
    code: (read.value.body[code] as ContainerStatus | undefined) ?? 'IN_PROGRESS',
    detail: read.value.body[detail],
  })
}

/** What a container's status means for the publish; null when it is ready. */
function unfinished(
  network: ContainerNetwork<ContainerDraft>,
  status: { code: ContainerStatus; detail?: string },
  draft: ContainerDraft
): PublishOutcome<Published> | null {
  switch (status.code) {
    case 'FINISHED':
      return null
    case 'IN_PROGRESS':
      return pending(
        JSON.stringify(draft),
        draft.video ? network.checkAfter.video : network.checkAfter.media
      )
    case 'ERROR':
      return failed(
        `${network.name} could not process the ${network.subject}: ${status.detail ?? 'ERROR'}`,
        false,
        'container_error'
      )
    case 'EXPIRED':
      // Nothing was published: starting over (new containers) is safe.
      return failed(
        `The ${network.name} container expired before publishing`,
        true,
        'container_expired'
      )
    case 'PUBLISHED':
      // An earlier publish call went through but its answer was lost: reconcile by lookup.
      return ambiguous('the container was already published')
  }
}

async function advance<Draft extends ContainerDraft>(
  ctx: AccountContext,
  network: ContainerNetwork<Draft>,
  draft: Draft
): Promise<PublishOutcome<Published>> {
  if (!draft.container) {
    for (const child of draft.children) {
      const status = await statusOf(ctx, network, child)
      if (status.status !== 'ok') return status
      const waiting = unfinished(network, status.value, draft)
      if (waiting) return waiting
    }
    const carousel = await createContainer(ctx, network, {
      media_type: 'CAROUSEL',
      children: draft.children.join(','),
      ...network.topFields(draft),
    })
    if (carousel.status !== 'ok') return carousel
    draft = { ...draft, container: carousel.value }
  }
  const status = await statusOf(ctx, network, draft.container!)
  if (status.status !== 'ok') return status
  const waiting = unfinished(network, status.value, draft)
  if (waiting) return waiting

  // No idempotency key: an ambiguous answer here is resolved by the plugin's recent-posts lookup.
  const api = network.graph(ctx)
  const published = await api.send<{ id: string }>({
    method: 'POST',
    url: `${ctx.account.externalId}/${network.edges.publish}`,
    form: { creation_id: draft.container! },
    token: ctx.token.accessToken,
  })
  if (published.status !== 'ok') return published
  const id = published.value.body.id
  return ok({ externalId: id, url: await permalinkOf(api, ctx, id) })
}
