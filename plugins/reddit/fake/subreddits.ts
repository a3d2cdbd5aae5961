import type { FakeReply, FakeRequest } from '#sdk/testing/fake_server'
import type { Subreddit } from './model.js'

type Route = (
  method: string,
  path: string,
  scope: string | null,
  handler: (request: FakeRequest) => FakeReply | Promise<FakeReply>
) => void

/** What a client reads of a subreddit before posting (reddit/FLOW.md "Before posting"). */
export function subredditRoutes(route: Route, find: (name: string) => Subreddit | undefined) {
  route('GET', '/r/:sr/about', 'read', (request) => {
    const sub = find(request.params.sr)
    if (!sub) return { status: 404, json: { message: 'Not Found', error: 404 } }
    return {
      json: {
        kind: 't5',
        data: {
          display_name: sub.name,
          submission_type: sub.submissionType,
          allow_images: sub.allowImages,
          allow_videos: sub.allowVideos,
          allow_galleries: sub.allowGalleries,
        },
      },
    }
  })

  route('GET', '/api/v1/:sr/post_requirements', 'submit', (request) => {
    const sub = find(request.params.sr)
    if (!sub) return { status: 404, json: { message: 'Not Found', error: 404 } }
    return {
      json: {
        is_flair_required: sub.flairRequired,
        body_restriction_policy: 'none',
        title_text_max_length: null,
        title_text_min_length: null,
        domain_blacklist: [],
      },
    }
  })

  route('GET', '/r/:sr/api/link_flair_v2', 'flair', (request) => {
    const sub = find(request.params.sr)
    if (!sub) return { status: 404, json: { message: 'Not Found', error: 404 } }
    return {
      json: sub.flairs.map((flair) => ({
        ...flair,
        type: 'text',
        css_class: '',
        mod_only: false,
      })),
    }
  })
}
