import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import type { Connection, PluginContext, PublishContext } from '#sdk'
import { contextFor } from '#sdk/testing/connect'
import bluesky from '../index.js'
import { FakeBluesky } from '../fake/server.js'
import type { BlueskyOptions } from '../options.js'

/**
 * A Bluesky network of the operator's own: BLUESKY_SERVICE_URL is the entryway an empty form
 * field falls back to, BLUESKY_APPVIEW routes reads to their AppView, BLUESKY_WEB_URL is where
 * links open. Without them: bsky.social, the PDS's own AppView, bsky.app.
 */
const APPVIEW = 'did:web:appview.pistache.test#bsky_appview'
const WEB = 'https://social.pistache.test'

test.group('bluesky plugin / the operator’s network settings', (group) => {
  let fake: FakeBluesky
  group.each.setup(async () => {
    fake = await FakeBluesky.start()
    return () => fake.close()
  })

  /** The plugin's context as the app builds it from these settings (the fake as entryway). */
  function context(extra: { web?: string; appview?: string } = {}): PluginContext {
    const base = contextFor(fake)
    return {
      ...base,
      settings: {
        urls: { service: fake.server.baseUrl, ...(extra.web ? { web: extra.web } : {}) },
        ...(extra.appview ? { appview: extra.appview } : {}),
      },
    }
  }
  async function connect(ctx: PluginContext, service = '') {
    if (bluesky.auth.kind !== 'credentials') throw new Error('credentials expected')
    const result = await bluesky.auth.connect(ctx, { ...fake.credentials, service })
    if (result.status !== 'ok') throw new Error(JSON.stringify(result))
    return result.value[0]
  }
  const publishing = (ctx: PluginContext, connection: Connection) =>
    ({
      ...ctx,
      account: connection.profile,
      token: connection.token,
      idempotencyKey: randomUUID(),
      post: { text: 'Croissants', media: [], options: {} },
    }) satisfies PublishContext<BlueskyOptions>
  const proxyHeaders = (path: string) =>
    fake.server.requestsTo('GET', path).map((request) => request.headers['atproto-proxy'])

  test('an empty service field connects through the configured entryway', async ({ assert }) => {
    const connection = await connect(context(), '')
    assert.equal(connection.profile.externalId, fake.account.did)
    assert.lengthOf(fake.server.requestsTo('POST', '/xrpc/com.atproto.server.createSession'), 1)
  })

  test('with an AppView and a viewer configured: reads carry atproto-proxy, links open in the viewer', async ({
    assert,
  }) => {
    const ctx = context({ web: `${WEB}/`, appview: APPVIEW })
    const connection = await connect(ctx)
    assert.equal(connection.profile.profileUrl, `${WEB}/profile/${fake.account.handle}`)

    const published = await bluesky.publish(publishing(ctx, connection))
    assert.equal(published.status, 'ok')
    if (published.status !== 'ok') return
    const rkey = published.value.externalId.split('/').pop()
    assert.equal(published.value.url, `${WEB}/profile/${fake.account.handle}/post/${rkey}`)

    const stats = await bluesky.fetchStats!({ ...ctx, ...publishing(ctx, connection) }, [
      published.value.externalId,
    ])
    assert.equal(stats.status, 'ok')
    await bluesky.fetchAccountStats!({
      ...ctx,
      account: connection.profile,
      token: connection.token,
    })
    assert.deepEqual(proxyHeaders('/xrpc/app.bsky.feed.getPosts'), [APPVIEW])
    assert.deepEqual(proxyHeaders('/xrpc/app.bsky.actor.getProfile'), [APPVIEW, APPVIEW])
  })

  test('without them: no proxy header (the PDS’s own AppView) and bsky.app links', async ({
    assert,
  }) => {
    const ctx = context()
    const connection = await connect(ctx)
    assert.equal(connection.profile.profileUrl, `https://bsky.app/profile/${fake.account.handle}`)
    const published = await bluesky.publish(publishing(ctx, connection))
    assert.equal(published.status, 'ok')
    if (published.status === 'ok')
      assert.match(published.value.url!, /^https:\/\/bsky\.app\/profile\/[^/]+\/post\/[^/]+$/)
    assert.deepEqual(proxyHeaders('/xrpc/app.bsky.actor.getProfile'), [undefined])
  })
})
