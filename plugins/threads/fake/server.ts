import type { PostMetrics } from '#sdk'
import { FakeServer } from '#sdk/testing/fake_server'
import type { FakeNetwork } from '#sdk/testing/fake_network'
import { CLIENT_ID, CLIENT_SECRET, FakeThreadsOAuth } from './oauth.js'
import { ThreadsState } from './state.js'
import { publishingRoutes } from './publishing.js'
import { readingRoutes } from './reading.js'

/**
 * Threads in miniature, after threads/FLOW.md (no machine-readable spec exists): its OAuth
 * (oauth.ts); containers that download their media from the given URL, finish over status
 * reads, may answer a post (`reply_to_id`), carousels of 2–20, and threads_publish with the
 * rolling 24-hour quota (publishing.ts); /me, the profile's posts and insights (reading.ts).
 */
export class FakeThreads implements FakeNetwork {
  server = new FakeServer()
  publishPath = '/threads_publish$'

  oauth = new FakeThreadsOAuth()
  #state = new ThreadsState()

  /** Status reads a container needs before it is FINISHED (videos need two more). */
  get processingPolls() {
    return this.#state.processingPolls
  }
  set processingPolls(polls: number) {
    this.#state.processingPolls = polls
  }

  get quotaTotal() {
    return this.#state.quotaTotal
  }
  set quotaTotal(total: number) {
    this.#state.quotaTotal = total
  }

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
    fake.oauth.routes(fake.server)
    readingRoutes(fake.server, fake.#state, fake.oauth)
    publishingRoutes(fake.server, fake.#state, fake.oauth)
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
    return this.#state.posts.get(externalId)
  }

  seedPost(text: string, timestamp = new Date()) {
    return this.#state.newPost(text, [], timestamp).id
  }

  setMetrics(externalId: string, figures: Partial<PostMetrics>) {
    const post = this.#state.posts.get(externalId)
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
}
