/** Shared by the analytics tests: a post published on the three fakes, then collection runs on a chosen clock. */
import { DateTime } from 'luxon'
import type Delivery from '#models/delivery'
import DeliveryMetricSnapshot from '#models/delivery_metric_snapshot'
import { publishNow } from '#actions/posts/publish_now'
import { collectStats } from '#services/analytics/collect_stats'
import { draft, settled, startWorker, type World } from '#tests/functional/publishing/_fixtures'

export { withWorld, type World } from '#tests/functional/publishing/_fixtures'

export type Network = 'mastodon' | 'bluesky' | 'x'

/** Publishes one post to the given networks through the real worker; its deliveries by network. */
export async function publishTo(
  world: World,
  networks: Network[] = ['mastodon', 'bluesky', 'x'],
  body?: string
) {
  const { runner } = await startWorker()
  try {
    const { post } = await draft(
      world,
      networks.map((network) => ({ socialAccountId: world.accounts[network].id })),
      body
    )
    await publishNow({ post, actor: world.owner })
    const deliveries = await settled(post.id)
    if (deliveries.some((d) => d.status !== 'published'))
      throw new Error(`not published: ${deliveries.map((d) => d.status)}`)
    const byNetwork = Object.fromEntries(deliveries.map((d) => [d.network, d])) as Record<
      Network,
      Delivery
    >
    return { post, deliveries: byNetwork }
  } finally {
    await runner.stop()
  }
}

/**
 * Moves the post's publication `minutes` into the past, so runs "after publication" are
 * still in the past: the pages show figures collected up to the end of their period (now).
 */
export async function backdate(deliveries: Record<string, Delivery>, minutes: number) {
  for (const delivery of Object.values(deliveries)) {
    delivery.publishedAt = delivery.publishedAt!.minus({ minutes })
    await delivery.save()
  }
}

/** A collection run at `minutes` after the delivery's publication. */
export function collectAt(delivery: Delivery, minutes: number) {
  return collectStats({ now: delivery.publishedAt!.toUTC().plus({ minutes }) })
}

export const snapshotsOf = (delivery: Delivery) =>
  DeliveryMetricSnapshot.query().where('delivery_id', delivery.id).orderBy('id')

/** The Inertia props of a page, as the signed-in user gets them. */
export async function pageProps(client: any, url: string, user: any) {
  const response = await client.get(url).loginAs(user).withInertia()
  if (response.status() !== 200) throw new Error(`${url} answered ${response.status()}`)
  return response.inertiaProps as Record<string, any>
}

/** The CSV as cells (BOM checked and removed; this test data has no quoted separators). */
export function parseCsv(text: string, separator = ',') {
  if (!text.startsWith('\uFEFF')) throw new Error('CSV without a UTF-8 BOM')
  return text
    .slice(1)
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(separator))
}

export const now = () => DateTime.utc()
