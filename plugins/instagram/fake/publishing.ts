import type { FakeReply, FakeRequest, FakeServer } from '#sdk/testing/fake_server'
import type { StoredPost } from '#sdk/testing/fake_network'
import { CodegenParams } from '#sdk/testing/meta_codegen_params'
import {
  downloadProblem,
  FakeContainers,
  type ContainerStatus,
  type FakeContainer,
} from '../../_meta/fake/containers.js'
import { graphError, paramsOf } from '../../_meta/fake/graph_replies.js'

const igUser = new CodegenParams(new URL('./spec/meta-codegen-IGUser.json', import.meta.url))

interface Container extends FakeContainer {
  igUserId: string
  mediaType: 'IMAGE' | 'REELS' | 'VIDEO' | 'CAROUSEL'
  caption: string
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

/** What the publishing routes need from the Instagram fake. */
export interface PublishingHost {
  /** Null when the request's token may act for this IG user, else Graph's refusal. */
  denied(request: FakeRequest, igUserId: string): FakeReply | null
  newId(): string
  /** Records the published media and answers its id. */
  newMedia(igUserId: string, caption: string, media: StoredPost['media']): string
  /** Status reads before an image container is FINISHED; video containers take two more. */
  processingPolls(): number
}

/**
 * The container flow of instagram/FLOW.md "Publish": containers that download their image_url /
 * video_url and move IN_PROGRESS → FINISHED (or ERROR) over status reads, carousels of 2–10
 * finished children, media_publish with the rolling 24-hour quota, and the caption limits
 * (2200 characters, 30 hashtags, 20 mentions).
 */
export class FakeInstagramPublishing {
  quotaTotal = 100
  #containers = new FakeContainers<Container>()
  #published: { igUserId: string; at: number }[] = []

  constructor(private host: PublishingHost) {}

  container(id: string) {
    return this.#containers.get(id)
  }

  /** Uses up the account's publishing quota, as 100 posts in a day would. */
  exhaustQuota(igUserId: string) {
    for (let i = 0; i < this.quotaTotal; i++) this.#published.push({ igUserId, at: Date.now() })
  }

  routes(s: FakeServer) {
    s.route('GET', '/:ver/:ig/content_publishing_limit', (request) => {
      const denied = this.host.denied(request, request.params.ig)
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
    s.route('POST', '/:ver/:ig/media_publish', (request) => this.#publish(request))
  }

  /** A container status read (`GET /{container-id}?fields=status_code`), or null when `id` is no container. */
  async read(request: FakeRequest, id: string): Promise<FakeReply | null> {
    const container = this.#containers.get(id)
    if (!container) return null
    const denied = this.host.denied(request, container.igUserId)
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

  #quotaUsage(igUserId: string) {
    const since = Date.now() - 86_400_000
    return this.#published.filter((entry) => entry.igUserId === igUserId && entry.at >= since)
      .length
  }

  #publish(request: FakeRequest): FakeReply {
    const fields = paramsOf(request)
    const problems = igUser.check('POST', 'media_publish', fields)
    const denied =
      this.host.denied(request, request.params.ig) ??
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
    const id = this.host.newMedia(
      request.params.ig,
      container.caption,
      items.map((item) => ({
        kind: item.mediaType === 'IMAGE' ? ('image' as const) : ('video' as const),
        altText: item.altText,
      }))
    )
    container.status = 'PUBLISHED'
    this.#published.push({ igUserId: request.params.ig, at: Date.now() })
    return { json: { id } }
  }

  async #createContainer(request: FakeRequest): Promise<FakeReply> {
    const igUserId = request.params.ig
    const fields = paramsOf(request)
    const problems = igUser.check('POST', 'media', fields)
    const denied =
      this.host.denied(request, igUserId) ??
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
      id: this.host.newId(),
      igUserId,
      caption,
      altText: fields.alt_text ?? null,
      carouselItem,
      children: [] as string[],
      status: 'IN_PROGRESS' as ContainerStatus,
      error: null,
    }
    const polls = this.host.processingPolls()

    if (type === 'IMAGE') {
      if (!fields.image_url) return graphError('(#100) The parameter image_url is required', 100)
      const failure = await download(fields.image_url, 'image')
      if (failure) return graphError(`(#9004) ${failure}`, 9004)
      return this.#containers.store({
        ...base,
        mediaType: 'IMAGE',
        pollsLeft: polls,
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
        pollsLeft: polls + 2,
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
        pollsLeft: polls,
        download: Promise.resolve(null),
      })
    }
    return graphError(`(#100) Unsupported media_type ${type || '(none)'}`, 100)
  }
}
