import type { PostMetrics } from '#sdk'
import type { FakeReply, FakeRequest, FakeServer } from '#sdk/testing/fake_server'
import type { StoredPost } from '#sdk/testing/fake_network'
import { USERNAME, answer, invalid } from './replies.js'

export interface Video extends StoredPost {
  id: string
  title: string
  createTime: number
  privacy: string
  interactions: { disable_comment: boolean; disable_duet: boolean; disable_stitch: boolean }
  figures: { view_count: number; like_count: number; comment_count: number; share_count: number }
}

/**
 * The account's published videos and inbox drafts, and the Display API's video list/query over
 * them (figures from setMetrics).
 */
export class TikTokVideos {
  #videos = new Map<string, Video>()
  #drafts = new Map<string, StoredPost>()

  /** `guard` checks the bearer and the scope; null when the call may go on. */
  constructor(private guard: (request: FakeRequest, scope: string) => FakeReply | null) {}

  get count() {
    return this.#videos.size
  }

  /** Published posts by video id; inbox drafts by publish id. */
  storedPost(externalId: string) {
    return this.#videos.get(externalId) ?? this.#drafts.get(externalId)
  }

  add(video: Video) {
    this.#videos.set(video.id, video)
  }

  addDraft(publishId: string, draft: StoredPost) {
    this.#drafts.set(publishId, draft)
  }

  setMetrics(externalId: string, figures: Partial<PostMetrics>) {
    const video = this.#videos.get(externalId)
    if (!video) throw new Error(`no video ${externalId}`)
    video.figures = {
      view_count: figures.views ?? 0,
      like_count: figures.likes ?? 0,
      comment_count: figures.comments ?? 0,
      share_count: figures.shares ?? 0,
    }
  }

  routes(s: FakeServer) {
    s.route('POST', '/v2/video/list/', (request) => this.#list(request))
    s.route('POST', '/v2/video/query/', (request) => this.#query(request))
  }

  #videoJson(video: Video, fields: string[]) {
    const all: Record<string, unknown> = {
      id: video.id,
      title: video.title,
      video_description: video.text,
      create_time: video.createTime,
      share_url: `https://www.tiktok.com/@${USERNAME}/video/${video.id}`,
      duration: 5,
      ...video.figures,
    }
    return Object.fromEntries(
      fields.filter((field) => field in all).map((field) => [field, all[field]])
    )
  }

  #list(request: FakeRequest): FakeReply {
    const denied = this.guard(request, 'video.list')
    if (denied) return denied
    const max = Number(request.body.max_count ?? 10)
    if (!Number.isInteger(max) || max < 1 || max > 20) return invalid('max_count must be 1 to 20')
    const fields = (request.query.get('fields') ?? '').split(',')
    const videos = [...this.#videos.values()].reverse().slice(0, max)
    return answer({
      videos: videos.map((video) => this.#videoJson(video, fields)),
      cursor: 0,
      has_more: this.#videos.size > max,
    })
  }

  #query(request: FakeRequest): FakeReply {
    const denied = this.guard(request, 'video.list')
    if (denied) return denied
    const ids: string[] = request.body.filters?.video_ids ?? []
    if (!ids.length || ids.length > 20) return invalid('filters.video_ids must hold 1 to 20 ids')
    const fields = (request.query.get('fields') ?? '').split(',')
    const videos = ids
      .map((id) => this.#videos.get(String(id)))
      .filter((video): video is Video => !!video)
    return answer({
      videos: videos.map((video) => this.#videoJson(video, fields)),
      cursor: 0,
      has_more: false,
    })
  }
}
