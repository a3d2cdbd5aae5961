import type { PostMetrics } from '#sdk'
import { FakeServer, type FakeReply, type FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork, StoredPost } from '#sdk/testing/fake_network'
import {
  downloadProblem,
  FakeContainers,
  type ContainerStatus,
  type FakeContainer,
} from '../../_meta/fake/containers.js'
import { graphError, graphTime } from '../../_meta/fake/graph_replies.js'
import { CLIENT_ID, CLIENT_SECRET, DAY, FakeThreadsOAuth, USER } from './oauth.js'

const REPLY_CONTROLS = [
  'everyone',
  'accounts_you_follow',
  'mentioned_only',
  'parent_post_author_only',
  'followers_only',
]
/** Container fields the posts reference documents (threads/FLOW.md "Publish"). */
const CONTAINER_FIELDS = [
  'media_type',
  'text',
  'image_url',
  'video_url',
  'is_carousel_item',
  'children',
  'reply_to_id',
  'reply_control',
  'topic_tag',
  'link_attachment',
  'alt_text',
  'quote_post_id',
]
const POST_METRICS = ['views', 'likes', 'replies', 'reposts', 'quotes', 'shares']
const DOWNLOAD_FAILED = "Media download has failed. The media URI doesn't meet our requirements."

interface Container extends FakeContainer {
  mediaType: 'TEXT' | 'IMAGE' | 'VIDEO' | 'CAROUSEL'
  text: string
}

interface Post extends StoredPost {
  id: string
  timestamp: Date
  figures: Record<'views' | 'likes' | 'replies' | 'reposts' | 'quotes' | 'shares', number>
}

/** Threads' own count, written apart from the plugin's: code points, an emoji = its UTF-8 bytes. */
function threadsLength(text: string) {
  let count = 0
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(
    text
  )) {
    count += /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(segment)
      ? Buffer.byteLength(segment)
      : [...segment].length
  }
  return count
}

/** Threads checks only that the file downloads (no MP4 check documented). */
async function download(url: string, kind: 'image' | 'video'): Promise<string | null> {
  return (await downloadProblem(url, kind)) === 'unreachable' ? DOWNLOAD_FAILED : null
}

/**
 * Threads in miniature, after threads/FLOW.md (no machine-readable spec exists): its OAuth
 * (oauth.ts), /me, containers that
 * download their media from the given URL and finish over status reads, carousels of 2–20,
 * threads_publish with the rolling 24-hour quota, the profile's posts, and post insights.
 */
export class FakeThreads implements FakeNetwork {
  server = new FakeServer()
  publishPath = '/threads_publish$'
  processingPolls = 1
  quotaTotal = 250

  oauth = new FakeThreadsOAuth()
  #containers = new FakeContainers<Container>()
  #posts = new Map<string, Post>()
  #published: number[] = []
  #next = 18_000_000_000_000_001n

  get settings() {
    const base = this.server.baseUrl
    return {
      urls: { graph: base, authorize: `${base}/oauth/authorize`, web: 'https://www.threads.net' },
      apiVersion: 'v1.0',
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
    }
  }

  static async start() {
    const fake = new FakeThreads()
    fake.#routes()
    await fake.server.start()
    return fake
  }

  isTokenValid(token: string) {
    return this.oauth.isTokenValid(token)
  }

  expireAccessToken(token: string) {
    this.oauth.expire(token)
  }

  ageToken(token: string, ms: number) {
    this.oauth.age(token, ms)
  }

  storedPost(externalId: string) {
    return this.#posts.get(externalId)
  }

  seedPost(text: string, timestamp = new Date()) {
    return this.#newPost(text, [], timestamp).id
  }

  setMetrics(externalId: string, figures: Partial<PostMetrics>) {
    const post = this.#posts.get(externalId)
    if (!post) throw new Error(`no post ${externalId}`)
    post.figures = {
      views: figures.views ?? 0,
      likes: figures.likes ?? 0,
      replies: figures.comments ?? 0,
      reposts: figures.shares ?? 0,
      quotes: figures.quotes ?? 0,
      shares: 0,
    }
  }

  close() {
    return this.server.close()
  }

  #id() {
    return String(this.#next++)
  }

  #newPost(text: string, media: StoredPost['media'], timestamp = new Date()) {
    const post: Post = {
      id: this.#id(),
      text,
      media,
      timestamp,
      figures: { views: 0, likes: 0, replies: 0, reposts: 0, quotes: 0, shares: 0 },
    }
    this.#posts.set(post.id, post)
    return post
  }

  #routes() {
    const s = this.server

    this.oauth.routes(s)

    s.route('GET', '/:ver/me', (request) => {
      const denied = this.oauth.authenticate(request)
      if (denied) return denied
      return {
        json: {
          id: USER.id,
          username: USER.username,
          name: USER.name,
          threads_profile_picture_url: `https://scontent.cdninstagram.example/${USER.id}.jpg`,
        },
      }
    })

    s.route('GET', '/:ver/:user/threads_publishing_limit', (request) => {
      const denied = this.oauth.authenticate(request, request.params.user)
      if (denied) return denied
      return {
        json: {
          data: [
            {
              quota_usage: this.#quotaUsage(),
              config: { quota_total: this.quotaTotal, quota_duration: 86400 },
            },
          ],
        },
      }
    })

    s.route('POST', '/:ver/:user/threads', (request) => this.#createContainer(request))

    s.route('POST', '/:ver/:user/threads_publish', (request) => {
      const denied = this.oauth.authenticate(request, request.params.user)
      if (denied) return denied
      const container = this.#containers.get(
        String(request.body.creation_id ?? request.query.get('creation_id'))
      )
      if (!container || container.carouselItem)
        return graphError('(#100) The media container was not found', 100, 400, 'THApiException')
      if (this.#quotaUsage() >= this.quotaTotal)
        return graphError('(#9) Publishing limit reached for this profile', 9)
      if (container.status === 'PUBLISHED')
        return graphError(
          '(#100) This container has already been published',
          100,
          400,
          'THApiException'
        )
      if (container.status !== 'FINISHED')
        return graphError(
          '(#9007) The media is not ready to be published, please wait',
          9007,
          400,
          'THApiException'
        )
      const items =
        container.mediaType === 'CAROUSEL'
          ? container.children.map((id) => this.#containers.get(id)!)
          : container.mediaType === 'TEXT'
            ? []
            : [container]
      const post = this.#newPost(
        container.text,
        items.map((item) => ({
          kind: item.mediaType === 'VIDEO' ? ('video' as const) : ('image' as const),
          altText: item.altText,
        }))
      )
      container.status = 'PUBLISHED'
      this.#published.push(Date.now())
      return { json: { id: post.id } }
    })

    s.route('GET', '/:ver/:user/threads', (request) => {
      const denied = this.oauth.authenticate(request, request.params.user)
      if (denied) return denied
      const since = Number(request.query.get('since') ?? 0) * 1000
      const list = [...this.#posts.values()]
        .filter((post) => post.timestamp.getTime() >= since)
        .sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime())
        .slice(0, Number(request.query.get('limit') ?? 25))
      return {
        json: {
          data: list.map((post) => ({
            id: post.id,
            text: post.text,
            timestamp: graphTime(post.timestamp),
            permalink: this.#permalink(post),
          })),
        },
      }
    })

    s.route('GET', '/:ver/:node/insights', (request) => {
      const denied = this.oauth.authenticate(request)
      if (denied) return denied
      const post = this.#posts.get(request.params.node)
      if (!post)
        return graphError(
          `(#100) Object with ID '${request.params.node}' does not exist`,
          100,
          400,
          'THApiException'
        )
      const wanted = (request.query.get('metric') ?? '').split(',')
      const bad = wanted.find((name) => !POST_METRICS.includes(name))
      if (bad)
        return graphError(
          `(#100) metric must be one of the following values: ${POST_METRICS.join(', ')}`,
          100,
          400,
          'THApiException'
        )
      return {
        json: {
          data: wanted.map((name) => ({
            name,
            period: 'lifetime',
            values: [{ value: post.figures[name as keyof Post['figures']] }],
            title: name,
            description: name,
            id: `${post.id}/insights/${name}/lifetime`,
          })),
        },
      }
    })

    s.route('GET', '/:ver/:user/threads_insights', (request) => {
      const denied = this.oauth.authenticate(request, request.params.user)
      if (denied) return denied
      return {
        json: {
          data: [
            {
              name: 'followers_count',
              period: 'day',
              title: 'followers_count',
              total_value: { value: 4321 },
              id: `${USER.id}/insights/followers_count/day`,
            },
          ],
        },
      }
    })

    s.route('GET', '/:ver/:node', (request) => this.#readNode(request))
  }

  #quotaUsage() {
    return this.#published.filter((at) => at >= Date.now() - DAY).length
  }

  async #createContainer(request: FakeRequest): Promise<FakeReply> {
    const denied = this.oauth.authenticate(request, request.params.user)
    if (denied) return denied
    const f: Record<string, string> = { ...Object.fromEntries(request.query), ...request.body }
    const unknown = Object.keys(f).find(
      (key) => !CONTAINER_FIELDS.includes(key) && key !== 'access_token'
    )
    if (unknown)
      return graphError(
        `(#100) Param ${unknown} is not a valid parameter`,
        100,
        400,
        'THApiException'
      )
    const text = f.text ?? ''
    if (threadsLength(text) > 500)
      return graphError('(#100) The text is longer than 500 characters', 100, 400, 'THApiException')
    if (f.reply_control && !REPLY_CONTROLS.includes(f.reply_control))
      return graphError('(#100) reply_control is not valid', 100, 400, 'THApiException')
    const carouselItem = f.is_carousel_item === 'true'
    const base = {
      id: this.#id(),
      text,
      altText: f.alt_text ?? null,
      carouselItem,
      children: [] as string[],
      status: 'IN_PROGRESS' as ContainerStatus,
      error: null,
    }
    switch (f.media_type) {
      case 'TEXT':
        if (!text.trim())
          return graphError('(#100) text is required for TEXT posts', 100, 400, 'THApiException')
        return this.#containers.store({
          ...base,
          mediaType: 'TEXT',
          pollsLeft: this.processingPolls,
          download: Promise.resolve(null),
        })
      case 'IMAGE':
        if (!f.image_url)
          return graphError('(#100) image_url is required', 100, 400, 'THApiException')
        return this.#containers.store({
          ...base,
          mediaType: 'IMAGE',
          pollsLeft: this.processingPolls,
          download: download(f.image_url, 'image'),
        })
      case 'VIDEO':
        if (!f.video_url)
          return graphError('(#100) video_url is required', 100, 400, 'THApiException')
        return this.#containers.store({
          ...base,
          mediaType: 'VIDEO',
          pollsLeft: this.processingPolls + 2,
          download: download(f.video_url, 'video'),
        })
      case 'CAROUSEL': {
        const children = this.#containers.carouselChildren(f.children, 20)
        if (!children)
          return graphError(
            '(#100) A carousel takes 2 to 20 finished carousel items',
            100,
            400,
            'THApiException'
          )
        return this.#containers.store({
          ...base,
          mediaType: 'CAROUSEL',
          children,
          pollsLeft: this.processingPolls,
          download: Promise.resolve(null),
        })
      }
      default:
        return graphError(
          '(#100) media_type must be one of TEXT, IMAGE, VIDEO, CAROUSEL',
          100,
          400,
          'THApiException'
        )
    }
  }

  async #readNode(request: FakeRequest): Promise<FakeReply> {
    const denied = this.oauth.authenticate(request)
    if (denied) return denied
    const id = request.params.node
    const container = this.#containers.get(id)
    if (container) {
      await this.#containers.poll(container)
      return {
        json: {
          id,
          status: container.status,
          ...(container.error ? { error_message: container.error } : {}),
        },
      }
    }
    const post = this.#posts.get(id)
    if (post)
      return {
        json: {
          id,
          text: post.text,
          permalink: this.#permalink(post),
          timestamp: graphTime(post.timestamp),
        },
      }
    return graphError(`(#100) Object with ID '${id}' does not exist`, 100, 400, 'THApiException')
  }

  #permalink(post: Post) {
    return `https://www.threads.net/@${USER.username}/post/${Buffer.from(post.id).toString('base64url').slice(0, 11)}`
  }
}
