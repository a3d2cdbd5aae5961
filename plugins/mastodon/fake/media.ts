import type { FakeServer } from '#sdk/testing/fake_server'
import type { MastodonState } from './state.js'

/** Media upload with processing: images are ready at once, videos answer 202 then a URL on a later GET. */
export function mediaRoutes(
  s: FakeServer,
  state: MastodonState,
  limits: () => { image: number; video: number }
) {
  s.route('POST', '/api/v2/media', (request) => {
    const denied = state.authorized(request)
    if (denied) return denied
    const file = request.files.file?.[0]
    if (!file) return { status: 422, json: { error: "Validation failed: File can't be blank" } }
    const kind = file.type.startsWith('video/') ? 'video' : 'image'
    const limit = kind === 'video' ? limits().video : limits().image
    if (file.bytes.length > limit)
      return {
        status: 422,
        json: { error: `Validation failed: File file size must be less than ${limit} Bytes` },
      }
    const id = state.id()
    state.media.set(id, { kind, description: request.body.description ?? null, polls: 0 })
    if (kind === 'video')
      return {
        status: 202,
        json: { id, type: kind, url: null, description: request.body.description ?? null },
      }
    return {
      json: {
        id,
        type: kind,
        url: `${state.baseUrl()}/media/${id}`,
        description: request.body.description ?? null,
      },
    }
  })

  s.route('GET', '/api/v1/media/:id', (request) => {
    const denied = state.authorized(request)
    if (denied) return denied
    const media = state.media.get(request.params.id)
    if (!media) return { status: 404, json: { error: 'Record not found' } }
    media.polls++
    const ready = media.kind === 'image' || media.polls >= 1
    return {
      status: ready ? 200 : 206,
      json: {
        id: request.params.id,
        type: media.kind,
        url: ready ? `${state.baseUrl()}/media/${request.params.id}` : null,
      },
    }
  })
}
