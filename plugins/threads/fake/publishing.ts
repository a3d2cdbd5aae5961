import type { FakeReply, FakeRequest, FakeServer } from '#sdk/testing/fake_server'
import { downloadProblem, type ContainerStatus } from '../../_meta/fake/containers.js'
import { graphError } from '../../_meta/fake/graph_replies.js'
import type { FakeThreadsOAuth } from './oauth.js'
import type { Container, ThreadsState } from './state.js'

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
const DOWNLOAD_FAILED = "Media download has failed. The media URI doesn't meet our requirements."

const invalidParam = (message: string) =>
  graphError(`(#100) ${message}`, 100, 400, 'THApiException')

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
 * Publishing (threads/FLOW.md "Publish"): POST /{user}/threads makes a container (its media
 * downloaded from the given URL; `reply_to_id` must name an existing post), POST
 * /{user}/threads_publish turns a finished container into a post, within the 24-hour quota.
 */
export function publishingRoutes(s: FakeServer, state: ThreadsState, oauth: FakeThreadsOAuth) {
  s.route('POST', '/:ver/:user/threads', (request) => createContainer(request, state, oauth))

  s.route('POST', '/:ver/:user/threads_publish', (request) => {
    const denied = oauth.authenticate(request, request.params.user)
    if (denied) return denied
    const container = state.containers.get(
      String(request.body.creation_id ?? request.query.get('creation_id'))
    )
    if (!container || container.carouselItem)
      return invalidParam('The media container was not found')
    if (!container.replyTo && state.quotaUsage() >= state.quotaTotal)
      return graphError('(#9) Publishing limit reached for this profile', 9)
    if (container.status === 'PUBLISHED')
      return invalidParam('This container has already been published')
    if (container.status !== 'FINISHED')
      return graphError(
        '(#9007) The media is not ready to be published, please wait',
        9007,
        400,
        'THApiException'
      )
    const items =
      container.mediaType === 'CAROUSEL'
        ? container.children.map((id) => state.containers.get(id)!)
        : container.mediaType === 'TEXT'
          ? []
          : [container]
    const post = state.newPost(
      container.text,
      items.map((item) => ({
        kind: item.mediaType === 'VIDEO' ? ('video' as const) : ('image' as const),
        altText: item.altText,
      }))
    )
    container.status = 'PUBLISHED'
    if (container.replyTo) {
      post.inReplyTo = container.replyTo
      const parent = state.posts.get(container.replyTo)
      if (parent) parent.figures.replies++
    } else state.published.push(Date.now())
    return { json: { id: post.id } }
  })
}

async function createContainer(
  request: FakeRequest,
  state: ThreadsState,
  oauth: FakeThreadsOAuth
): Promise<FakeReply> {
  const denied = oauth.authenticate(request, request.params.user)
  if (denied) return denied
  const f: Record<string, string> = { ...Object.fromEntries(request.query), ...request.body }
  const unknown = Object.keys(f).find(
    (key) => !CONTAINER_FIELDS.includes(key) && key !== 'access_token'
  )
  if (unknown) return invalidParam(`Param ${unknown} is not a valid parameter`)
  const text = f.text ?? ''
  if (threadsLength(text) > 500) return invalidParam('The text is longer than 500 characters')
  if (f.reply_control && !REPLY_CONTROLS.includes(f.reply_control))
    return invalidParam('reply_control is not valid')
  if (f.reply_to_id !== undefined && !state.posts.has(f.reply_to_id))
    return invalidParam(`Object with ID '${f.reply_to_id}' does not exist`)
  const carouselItem = f.is_carousel_item === 'true'
  const base = {
    id: state.id(),
    text,
    altText: f.alt_text ?? null,
    carouselItem,
    children: [] as string[],
    status: 'IN_PROGRESS' as ContainerStatus,
    error: null,
    replyTo: f.reply_to_id ?? null,
  }
  const polls = state.processingPolls
  switch (f.media_type) {
    case 'TEXT':
      if (!text.trim()) return invalidParam('text is required for TEXT posts')
      return state.containers.store({
        ...base,
        mediaType: 'TEXT',
        pollsLeft: polls,
        download: Promise.resolve(null),
      })
    case 'IMAGE':
      if (!f.image_url) return invalidParam('image_url is required')
      return state.containers.store({
        ...base,
        mediaType: 'IMAGE',
        pollsLeft: polls,
        download: download(f.image_url, 'image'),
      })
    case 'VIDEO':
      if (!f.video_url) return invalidParam('video_url is required')
      return state.containers.store({
        ...base,
        mediaType: 'VIDEO',
        pollsLeft: polls + 2,
        download: download(f.video_url, 'video'),
      })
    case 'CAROUSEL': {
      const children = state.containers.carouselChildren(f.children, 20)
      if (!children) return invalidParam('A carousel takes 2 to 20 finished carousel items')
      const carousel: Container = {
        ...base,
        mediaType: 'CAROUSEL',
        children,
        pollsLeft: polls,
        download: Promise.resolve(null),
      }
      return state.containers.store(carousel)
    }
    default:
      return invalidParam('media_type must be one of TEXT, IMAGE, VIDEO, CAROUSEL')
  }
}
