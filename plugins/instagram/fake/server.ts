import { readFileSync } from 'node:fs'
import type { PostMetrics } from '#sdk'
import type { FakeReply, FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork, StoredPost } from '#sdk/testing/fake_network'
import { CodegenParams } from '#sdk/testing/meta_codegen_params'
import { graphError, graphTime } from '../../_meta/fake/graph_replies.js'
import { FakeLoginNetwork } from '../../_meta/fake/login_network.js'
import { FakeInstagramComments } from './comments.js'
import { FakeInstagramLogin, type LinkedPage } from './login.js'
import { FakeInstagramPublishing } from './publishing.js'

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

interface Media extends StoredPost {
  id: string
  igUserId: string
  timestamp: Date
  figures: Record<'views' | 'reach' | 'likes' | 'comments' | 'shares' | 'saved', number>
}

/**
 * Instagram (API with Facebook Login) in miniature, after instagram/FLOW.md and Meta's codegen
 * files in spec/: the container flow with its quota and caption limits (publishing.ts), the
 * account's media list, media insights, and comments under a media (comments.ts).
 */
export class FakeInstagram extends FakeLoginNetwork<LinkedPage> implements FakeNetwork {
  publishPath = '/media_publish$'
  /** Status reads before an image container is FINISHED; video containers take two more. */
  processingPolls = 1
  login = new FakeInstagramLogin()
  publishing = new FakeInstagramPublishing({
    denied: (request, igUserId) => this.#asAccount(request, igUserId),
    newId: () => this.#id(),
    newMedia: (igUserId, caption, media) => this.#newMedia(igUserId, caption, media).id,
    processingPolls: () => this.processingPolls,
  })
  comments = new FakeInstagramComments({
    ownerOfMedia: (id) => this.#media.get(id)?.igUserId ?? null,
    denied: (request, igUserId) => this.#asAccount(request, igUserId),
    granted: (request, permission) => this.login.granted(request, permission),
    usernameOf: (igUserId) => this.login.pageOfInstagram(igUserId)?.instagram?.username ?? '',
    newId: () => this.#id(),
  })

  #media = new Map<string, Media>()
  #next = 17_900_000_000_000_001n

  get settings() {
    return this.settingsFor(['graph', 'dialog'], 'https://www.instagram.com')
  }

  static async start() {
    const fake = new FakeInstagram()
    await fake.listen(() => fake.#routes())
    return fake
  }

  /** A published media with its owner. */
  media(id: string) {
    return this.#media.get(id)
  }

  /** A published media, or a comment (with the media it sits under). */
  storedPost(externalId: string) {
    return this.#media.get(externalId) ?? this.comments.store.get(externalId)
  }

  container(id: string) {
    return this.publishing.container(id)
  }

  /** The comments under a media, oldest first: a first comment's linkage is checked here. */
  commentsOn(mediaId: string) {
    return this.comments.store.on(mediaId)
  }

  /** Media published outside the plugin (or long ago), for reconciliation tests. */
  seedMedia(igUserId: string, caption: string, timestamp = new Date()) {
    return this.#newMedia(igUserId, caption, [{ kind: 'image', altText: null }], timestamp).id
  }

  /** Uses up the account's publishing quota, as 100 posts in a day would. */
  exhaustQuota(igUserId: string) {
    this.publishing.exhaustQuota(igUserId)
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

  #routes() {
    const s = this.server

    this.publishing.routes(s)
    this.comments.routes(s)

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

  async #readNode(request: FakeRequest): Promise<FakeReply> {
    const id = request.params.node
    const container = await this.publishing.read(request, id)
    if (container) return container
    const comment = this.comments.read(request, id)
    if (comment) return comment
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
