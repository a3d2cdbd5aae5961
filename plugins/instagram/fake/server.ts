import { readFileSync } from 'node:fs'
import type { PostMetrics } from '#sdk'
import type { FakeReply, FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork, StoredPost } from '#sdk/testing/fake_network'
import { CodegenParams } from '#sdk/testing/meta_codegen_params'
import {
  downloadProblem,
  FakeContainers,
  type ContainerStatus,
  type FakeContainer,
} from '../../_meta/fake/containers.js'
import { graphError, graphTime, paramsOf } from '../../_meta/fake/graph_replies.js'
import { FakeLoginNetwork } from '../../_meta/fake/login_network.js'
import { FakeInstagramLogin, type LinkedPage } from './login.js'

const igUser = new CodegenParams(new URL('./spec/meta-codegen-IGUser.json', import.meta.url))
const enums: { name: string; values: string[] }[] = JSON.parse(
  readFileSync(new URL('./spec/meta-codegen-enum_types.subset.json', import.meta.url), 'utf8')
)
const MEDIA_METRICS = enums.find(
  (entry) => entry.name === 'shadowigmediainsights_metric_enum_param'
)!.values
/** Still in the codegen enum, but refused by the API since 21 Apr 2025 (instagram/FLOW.md "Metrics"). */
const RETIRED_METRICS = [
  'impressions',
  'plays',
  'clips_replays_count',
  'ig_reels_aggregated_all_plays_count',
  'video_views',
]
const READ_PARAMS = ['fields', 'limit', 'after', 'before', 'access_token', 'appsecret_proof']

interface Container extends FakeContainer {
  igUserId: string
  mediaType: 'IMAGE' | 'REELS' | 'VIDEO' | 'CAROUSEL'
  caption: string
}

interface Media extends StoredPost {
  id: string
  igUserId: string
  timestamp: Date
  figures: Record<'views' | 'reach' | 'likes' | 'comments' | 'shares' | 'saved', number>
}

const HASHTAG = /(^|[^\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu
const MENTION = /(^|[^\p{L}\p{N}_.])@[\p{L}\p{N}_.]+/gu
const DOWNLOAD_FAILED =
  "Media download has failed. The media URI doesn't meet our requirements. (2207052)"

/** Instagram's words for a failed download. */
async function download(url: string, kind: 'image' | 'video'): Promise<string | null> {
  const problem = await downloadProblem(url, kind)
  return problem === 'not_mp4'
    ? 'The video file is not an MP4 or MOV container (2207026)'
    : problem
      ? DOWNLOAD_FAILED
      : null
}

/**
 * Instagram (API with Facebook Login) in miniature, after instagram/FLOW.md and Meta's codegen
 * files in spec/: media containers that download their image_url / video_url from the given
 * address and move IN_PROGRESS → FINISHED (or ERROR) over status reads, carousels of 2–10
 * finished children, media_publish with the rolling 24-hour quota, the account's media list,
 * media insights, and the caption limits (2200 characters, 30 hashtags, 20 mentions).
 */
export class FakeInstagram extends FakeLoginNetwork<LinkedPage> implements FakeNetwork {
  publishPath = '/media_publish$'
  /** Status reads before an image container is FINISHED; video containers take two more. */
  processingPolls = 1
  quotaTotal = 100
  login = new FakeInstagramLogin()

  #containers = new FakeContainers<Container>()
  #media = new Map<string, Media>()
  #published: { igUserId: string; at: number }[] = []
  #next = 17_900_000_000_000_001n

  get settings() {
    return this.settingsFor(['graph', 'dialog'], 'https://www.instagram.com')
  }

  static async start() {
    const fake = new FakeInstagram()
    await fake.listen(() => fake.#routes())
    return fake
  }

  storedPost(externalId: string) {
    return this.#media.get(externalId)
  }

  container(id: string) {
    return this.#containers.get(id)
  }

  /** Media published outside the plugin (or long ago), for reconciliation tests. */
  seedMedia(igUserId: string, caption: string, timestamp = new Date()) {
    return this.#newMedia(igUserId, caption, [{ kind: 'image', altText: null }], timestamp).id
  }

  /** Uses up the account's publishing quota, as 100 posts in a day would. */
  exhaustQuota(igUserId: string) {
    for (let i = 0; i < this.quotaTotal; i++) this.#published.push({ igUserId, at: Date.now() })
  }

  setMetrics(externalId: string, figures: Partial<PostMetrics>) {
    const media = this.#media.get(externalId)
    if (!media) throw new Error(`no media ${externalId}`)
    media.figures = {
      views: figures.views ?? 0,
      reach: figures.reach ?? 0,
      likes: figures.likes ?? 0,
      comments: figures.comments ?? 0,
      shares: figures.shares ?? 0,
      saved: figures.saves ?? 0,
    }
  }

  #id() {
    return String(this.#next++)
  }

  #newMedia(igUserId: string, caption: string, media: StoredPost['media'], timestamp = new Date()) {
    const record: Media = {
      id: this.#id(),
      igUserId,
      text: caption,
      media,
      timestamp,
      figures: { views: 0, reach: 0, likes: 0, comments: 0, shares: 0, saved: 0 },
    }
    this.#media.set(record.id, record)
    return record
  }

  /** The token of the Page linked to this Instagram account (or the user's own token). */
  #asAccount(request: FakeRequest, igUserId: string): FakeReply | null {
    const auth = this.login.authenticate(request, ['page', 'user'])
    if (!('record' in auth)) return auth
    const page = this.login.pageOfInstagram(igUserId)
    if (!page)
      return graphError(
        `(#100) Object with ID '${igUserId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
        100,
        400,
        'GraphMethodException'
      )
    if (auth.record.kind === 'page' && auth.record.pageId !== page.id)
      return graphError(
        '(#10) The Page token does not belong to the Page linked to this account',
        10
      )
    return null
  }

  #quotaUsage(igUserId: string) {
    const since = Date.now() - 86_400_000
    return this.#published.filter((entry) => entry.igUserId === igUserId && entry.at >= since)
      .length
  }

  #routes() {
    const s = this.server

    s.route('GET', '/:ver/:ig/content_publishing_limit', (request) => {
      const denied = this.#asAccount(request, request.params.ig)
      if (denied) return denied
      return {
        json: {
          data: [
            {
              quota_usage: this.#quotaUsage(request.params.ig),
              config: { quota_total: this.quotaTotal, quota_duration: 86400 },
            },
          ],
        },
      }
    })

    s.route('POST', '/:ver/:ig/media', (request) => this.#createContainer(request))

    s.route('POST', '/:ver/:ig/media_publish', (request) => {
      const fields = paramsOf(request)
      const problems = igUser.check('POST', 'media_publish', fields)
      const denied =
        this.#asAccount(request, request.params.ig) ??
        (problems.length ? graphError(problems.join('; '), 100) : null)
      if (denied) return denied
      const container = this.#containers.get(String(fields.creation_id))
      if (!container || container.igUserId !== request.params.ig || container.carouselItem)
        return graphError('(#100) The media container was not found (2207006)', 100)
      if (this.#quotaUsage(request.params.ig) >= this.quotaTotal)
        return graphError(
          '(#9) Application request limit reached: content publishing limit (2207042)',
          9,
          400
        )
      if (container.status === 'PUBLISHED')
        return graphError('(#100) The media has already been published (2207008)', 100)
      if (container.status !== 'FINISHED')
        return graphError(
          '(#9007) Media ID is not available: the media is not ready for publishing, please wait (2207027)',
          9007
        )
      const items =
        container.mediaType === 'CAROUSEL'
          ? container.children.map((id) => this.#containers.get(id)!)
          : [container]
      const media = this.#newMedia(
        request.params.ig,
        container.caption,
        items.map((item) => ({
          kind: item.mediaType === 'IMAGE' ? ('image' as const) : ('video' as const),
          altText: item.altText,
        }))
      )
      container.status = 'PUBLISHED'
      this.#published.push({ igUserId: request.params.ig, at: Date.now() })
      return { json: { id: media.id } }
    })

    s.route('GET', '/:ver/:ig/media', (request) => {
      const query = Object.fromEntries(request.query)
      const problems = igUser.check(
        'GET',
        'media',
        Object.fromEntries(Object.entries(query).filter(([key]) => !READ_PARAMS.includes(key)))
      )
      const denied =
        this.#asAccount(request, request.params.ig) ??
        (problems.length ? graphError(problems.join('; '), 100) : null)
      if (denied) return denied
      const since = Number(query.since ?? 0) * 1000
      const list = [...this.#media.values()]
        .filter(
          (media) => media.igUserId === request.params.ig && media.timestamp.getTime() >= since
        )
        .sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime())
        .slice(0, Number(query.limit ?? 25))
      return {
        json: {
          data: list.map((media) => ({
            id: media.id,
            caption: media.text,
            timestamp: graphTime(media.timestamp),
            permalink: this.#permalink(media),
          })),
        },
      }
    })

    s.route('GET', '/:ver/:node/insights', (request) => {
      const media = this.#media.get(request.params.node)
      if (!media)
        return graphError(
          `(#100) Object with ID '${request.params.node}' does not exist`,
          100,
          400,
          'GraphMethodException'
        )
      const denied = this.#asAccount(request, media.igUserId)
      if (denied) return denied
      const wanted = (request.query.get('metric') ?? '').split(',')
      const bad = wanted.find(
        (name) => !MEDIA_METRICS.includes(name) || RETIRED_METRICS.includes(name)
      )
      if (bad)
        return graphError(
          `(#100) metric[0] must be one of the following values: ${MEDIA_METRICS.filter((m) => !RETIRED_METRICS.includes(m)).join(', ')} (got ${bad})`,
          100
        )
      const value = (name: string) => (media.figures as Record<string, number>)[name] ?? 0
      return {
        json: {
          data: wanted.map((name) => ({
            name,
            period: 'lifetime',
            values: [{ value: value(name) }],
            title: name,
            description: name,
            id: `${media.id}/insights/${name}/lifetime`,
          })),
        },
      }
    })

    s.route('GET', '/:ver/:node', (request) => this.#readNode(request))
  }

  async #createContainer(request: FakeRequest): Promise<FakeReply> {
    const igUserId = request.params.ig
    const fields = paramsOf(request)
    const problems = igUser.check('POST', 'media', fields)
    const denied =
      this.#asAccount(request, igUserId) ??
      (problems.length ? graphError(problems.join('; '), 100) : null)
    if (denied) return denied
    const caption = fields.caption ?? ''
    if ([...caption].length > 2200)
      return graphError('(#100) The caption is longer than 2200 characters (2207010)', 100)
    if ([...caption.matchAll(HASHTAG)].length > 30)
      return graphError('(#100) The caption has more than 30 hashtags (2207010)', 100)
    if ([...caption.matchAll(MENTION)].length > 20)
      return graphError('(#100) The caption has more than 20 mentions (2207010)', 100)
    const carouselItem = fields.is_carousel_item === 'true'
    const type = fields.media_type ?? (fields.image_url ? 'IMAGE' : '')
    const base = {
      id: this.#id(),
      igUserId,
      caption,
      altText: fields.alt_text ?? null,
      carouselItem,
      children: [] as string[],
      status: 'IN_PROGRESS' as ContainerStatus,
      error: null,
    }

    if (type === 'IMAGE') {
      if (!fields.image_url) return graphError('(#100) The parameter image_url is required', 100)
      const failure = await download(fields.image_url, 'image')
      if (failure) return graphError(`(#9004) ${failure}`, 9004)
      return this.#containers.store({
        ...base,
        mediaType: 'IMAGE',
        pollsLeft: this.processingPolls,
        download: Promise.resolve(null),
      })
    }
    if (type === 'REELS' || type === 'VIDEO') {
      if (!fields.video_url) return graphError('(#100) The parameter video_url is required', 100)
      if (type === 'VIDEO' && !carouselItem)
        return graphError('(#100) Single feed videos are published as REELS (2207067)', 100)
      // Video is downloaded while the container processes; a failure shows up as status ERROR.
      return this.#containers.store({
        ...base,
        mediaType: type,
        pollsLeft: this.processingPolls + 2,
        download: download(fields.video_url, 'video'),
      })
    }
    if (type === 'CAROUSEL') {
      const children = this.#containers.carouselChildren(
        fields.children,
        10,
        (child) => child.igUserId === igUserId
      )
      if (!children)
        return graphError(
          '(#100) A carousel takes 2 to 10 finished carousel items of this account (2207036)',
          100
        )
      return this.#containers.store({
        ...base,
        mediaType: 'CAROUSEL',
        children,
        pollsLeft: this.processingPolls,
        download: Promise.resolve(null),
      })
    }
    return graphError(`(#100) Unsupported media_type ${type || '(none)'}`, 100)
  }

  async #readNode(request: FakeRequest): Promise<FakeReply> {
    const id = request.params.node
    const container = this.#containers.get(id)
    if (container) {
      const denied = this.#asAccount(request, container.igUserId)
      if (denied) return denied
      await this.#containers.poll(container)
      const status =
        container.status === 'ERROR'
          ? `Error: ${container.error}`
          : container.status === 'FINISHED'
            ? 'Finished: Media has been uploaded and it is ready to be published.'
            : container.status
      return { json: { id, status_code: container.status, status } }
    }
    const media = this.#media.get(id)
    if (media) {
      const denied = this.#asAccount(request, media.igUserId)
      if (denied) return denied
      return {
        json: {
          id,
          permalink: this.#permalink(media),
          caption: media.text,
          like_count: media.figures.likes,
          comments_count: media.figures.comments,
          timestamp: graphTime(media.timestamp),
        },
      }
    }
    const page = this.login.pageOfInstagram(id)
    if (page?.instagram) {
      const denied = this.#asAccount(request, id)
      if (denied) return denied
      const count = [...this.#media.values()].filter((m) => m.igUserId === id).length
      return {
        json: {
          id,
          username: page.instagram.username,
          followers_count: page.instagram.followers,
          follows_count: 42,
          media_count: count,
        },
      }
    }
    return graphError(
      `(#100) Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
      100,
      400,
      'GraphMethodException'
    )
  }

  #permalink(media: Media) {
    return `https://www.instagram.com/p/${Buffer.from(media.id).toString('base64url').slice(0, 11)}/`
  }
}
