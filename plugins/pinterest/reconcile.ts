import { ok, type PublishContext, type Published, type Result } from '#sdk'
import type { PinterestOptions } from './options.js'
import { apiHttp, pinUrl } from './urls.js'

const LOOKBACK_MS = 60 * 60 * 1000
const PAGE_SIZE = 25

interface PinSummary {
  id: string
  created_at?: string
  title?: string | null
  description?: string | null
  link?: string | null
}

/**
 * Pinterest has no idempotency key. An ambiguous publish is resolved by reading the newest
 * Pins of the target board (GET /boards/{id}/pins, 25 per page, first page only) and taking one
 * created in the last hour with the same description, title and link. Two identical Pins on
 * one board within an hour cannot be told apart.
 */
export async function findRecentPin(
  ctx: PublishContext<PinterestOptions>
): Promise<Result<Published | null>> {
  const options = ctx.post.options ?? {}
  if (!options.board) return ok(null)
  const recent = await apiHttp(ctx).send<{ items: PinSummary[] }>({
    url: `boards/${encodeURIComponent(options.board)}/pins`,
    query: { page_size: PAGE_SIZE },
    bearer: ctx.token.accessToken,
  })
  if (recent.status !== 'ok') return recent
  const since = Date.now() - LOOKBACK_MS
  const same = (a: string | null | undefined, b: string | undefined) => (a ?? '') === (b ?? '')
  const match = recent.value.body.items.find(
    (pin) =>
      (!pin.created_at || Date.parse(pin.created_at) >= since) &&
      same(pin.description, ctx.post.text) &&
      same(pin.title, options.title) &&
      same(pin.link, options.link)
  )
  return ok(match ? { externalId: match.id, url: pinUrl(ctx.settings, match.id) } : null)
}
