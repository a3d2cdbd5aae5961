import type { PostMetrics } from '#sdk'
import type { FakeServer } from '#sdk/testing/fake_server'
import type { StoredPost } from '#sdk/testing/fake_network'
import type { LinkedInAssets } from './assets.js'
import { parseLittleText } from './little_text.js'
import { error, mayActAs, type RestGate } from './rest.js'

const VISIBILITIES = ['PUBLIC', 'CONNECTIONS', 'LOGGED_IN', 'CONTAINER']

export interface Post extends StoredPost {
  urn: string
  author: string
  commentary: string
  visibility: string
  createdAt: number
  metrics: Required<
    Pick<PostMetrics, 'likes' | 'comments' | 'shares' | 'views' | 'reach' | 'clicks'>
  >
}

/** What the post routes need from the LinkedIn fake. */
export interface PostHost {
  gate: RestGate
  assets: LinkedInAssets
  posts: Map<string, Post>
  newId(): string
}

/** /rest/posts: creating a post (little-text commentary, media from the assets) and the posts-by-author finder. */
export function postRoutes(s: FakeServer, host: PostHost) {
  const { gate, assets, posts } = host

  s.route('POST', '/rest/posts', (request) => {
    const denied = gate.rest(request)
    if (denied) return denied
    const body = request.body
    for (const field of ['author', 'commentary', 'visibility', 'distribution', 'lifecycleState']) {
      if (body[field] === undefined) return error(422, `/${field} is required`, 'FIELD_REQUIRED')
    }
    if (!mayActAs(body.author))
      return error(403, `Not enough permissions to post as ${body.author}`, 'ACCESS_DENIED')
    if (!VISIBILITIES.includes(body.visibility))
      return error(422, `/visibility ${body.visibility} is not valid`)
    if (body.lifecycleState !== 'PUBLISHED' && body.lifecycleState !== 'DRAFT')
      return error(422, '/lifecycleState is not valid')
    if (body.distribution?.feedDistribution === undefined)
      return error(422, '/distribution/feedDistribution is required')
    const parsed = parseLittleText(String(body.commentary))
    if ('error' in parsed) return error(422, `/commentary: ${parsed.error}`)
    if (parsed.text.length > 3000) return error(422, '/commentary is longer than 3000 characters')
    const media = assets.mediaOf(body.content, body.author)
    if ('error' in media) return error(422, media.error)
    const post: Post = {
      urn: `urn:li:share:${host.newId()}`,
      author: body.author,
      commentary: body.commentary,
      text: parsed.text,
      visibility: body.visibility,
      media: media.items,
      createdAt: Date.now(),
      metrics: { likes: 0, comments: 0, shares: 0, views: 0, reach: 0, clicks: 0 },
    }
    posts.set(post.urn, post)
    return {
      status: 201,
      headers: { 'x-restli-id': post.urn, 'x-linkedin-id': post.urn },
      text: '',
    }
  })

  s.route('GET', '/rest/posts', (request) => {
    const denied = gate.rest(request)
    if (denied) return denied
    if (request.query.get('q') !== 'author') return error(400, 'unknown finder')
    const author = request.query.get('author') ?? ''
    const count = Math.min(Number(request.query.get('count') ?? 10), 100)
    const found = [...posts.values()]
      .filter((post) => post.author === author)
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, count)
    return {
      json: {
        paging: { start: 0, count, links: [] },
        elements: found.map((post) => ({
          id: post.urn,
          author: post.author,
          commentary: post.commentary,
          visibility: post.visibility,
          lifecycleState: 'PUBLISHED',
          createdAt: post.createdAt,
          publishedAt: post.createdAt,
          lastModifiedAt: post.createdAt,
        })),
      },
    }
  })
}
