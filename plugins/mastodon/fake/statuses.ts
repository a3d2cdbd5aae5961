import type { FakeServer } from '#sdk/testing/fake_server'
import type { MastodonState, Status } from './state.js'

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')

/** A status as the API renders it (the Status entity, the fields the app reads). */
export function statusJson(state: MastodonState, status: Status) {
  return {
    id: status.id,
    uri: `${state.baseUrl()}/users/pistache/statuses/${status.id}`,
    url: `${state.baseUrl()}/@pistache/${status.id}`,
    created_at: status.createdAt,
    content: `<p>${escapeHtml(status.text)}</p>`,
    visibility: status.visibility,
    // The fake has one account (id 1): every reply answers one of its own statuses.
    in_reply_to_id: status.inReplyTo ?? null,
    in_reply_to_account_id: status.inReplyTo ? '1' : null,
    media_attachments: status.media.map((m, i) => ({
      id: String(i),
      type: m.kind,
      description: m.altText,
    })),
    favourites_count: status.counts.favourites,
    reblogs_count: status.counts.reblogs,
    replies_count: status.counts.replies,
    quotes_count: status.counts.quotes,
  }
}

/**
 * Statuses: create with Idempotency-Key (a repeated key answers the status it made) and
 * `in_reply_to_id` (the status must exist: Mastodon answers 404 otherwise), read one, list
 * the account's latest.
 */
export function statusRoutes(s: FakeServer, state: MastodonState, maxCharacters: () => number) {
  s.route('POST', '/api/v1/statuses', (request) => {
    const denied = state.authorized(request)
    if (denied) return denied
    const invalid = state.checkBody(request, '/api/v1/statuses')
    if (invalid) return invalid
    const key = request.headers['idempotency-key']
    const keyValue = typeof key === 'string' ? key : null
    const existing = keyValue ? state.idempotency.get(keyValue) : undefined
    if (existing) return { json: statusJson(state, state.statuses.get(existing)!) }
    const text = String(request.body.status ?? '')
    if ([...text].length > maxCharacters())
      return { status: 422, json: { error: 'Validation failed: Text character limit exceeded' } }
    const mediaIds: string[] = request.body.media_ids ?? []
    const unknown = mediaIds.find((id) => !state.media.has(id))
    if (unknown)
      return { status: 422, json: { error: `Validation failed: media ${unknown} not found` } }
    const parentId = request.body.in_reply_to_id
    const parent = parentId === undefined ? null : state.statuses.get(String(parentId))
    if (parent === undefined) return { status: 404, json: { error: 'Record not found' } }
    const status: Status = {
      id: state.id(),
      text,
      media: mediaIds.map((id) => ({
        kind: state.media.get(id)!.kind,
        altText: state.media.get(id)!.description,
      })),
      idempotencyKey: keyValue,
      inReplyTo: parent?.id ?? null,
      visibility: request.body.visibility ?? 'public',
      createdAt: new Date().toISOString(),
      counts: { favourites: 0, reblogs: 0, replies: 0, quotes: 0 },
    }
    state.statuses.set(status.id, status)
    if (parent) parent.counts.replies++
    if (keyValue) state.idempotency.set(keyValue, status.id)
    return { json: statusJson(state, status) }
  })

  s.route('GET', '/api/v1/statuses/:id', (request) => {
    const denied = state.authorized(request)
    if (denied) return denied
    const status = state.statuses.get(request.params.id)
    return status
      ? { json: statusJson(state, status) }
      : { status: 404, json: { error: 'Record not found' } }
  })

  s.route('GET', '/api/v1/accounts/:id/statuses', (request) => {
    const denied = state.authorized(request)
    if (denied) return denied
    const list = [...state.statuses.values()]
      .reverse()
      .slice(0, Number(request.query.get('limit') ?? 20))
    return { json: list.map((status) => statusJson(state, status)) }
  })
}
