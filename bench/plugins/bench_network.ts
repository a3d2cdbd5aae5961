/**
 * A minimal network plugin for the benchmarks ("bench network"): the publish path of the app
 * without a real network's protocol. With `settings.urls.api` set it sends one POST to that
 * address (a bench fake network, which records when each request arrived); without it the
 * publish is a no-op that succeeds at once, to measure the pipeline's own overhead.
 * Never installed in plugins/: the benchmarks point the plugin registry at a folder that
 * holds it next to the real plugins (bench/_lib/app.ts).
 */
import { definePlugin, failed, ok, type Capabilities } from '#sdk'

const capabilities: Capabilities = {
  text: { limit: 5000, counter: { id: 'graphemes' }, optionalWithMedia: false },
  mixedMedia: false,
  mediaRequired: false,
  mediaByPublicUrl: false,
  threads: false,
  firstComment: false,
  asyncPublish: false,
  idempotencyKey: true,
  revocable: false,
  metrics: [],
}

export function makeBenchPlugin(id: string) {
  return definePlugin({
    id,
    displayName: `Bench ${id}`,
    brandColor: '#888888',
    icon: '<svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="10"/></svg>',
    capabilities,
    defaults: { urls: {} },
    optionFields: [],
    auth: {
      kind: 'credentials',
      fields: [],
      picker: false,
      connect: async () =>
        ok([
          {
            profile: { externalId: `${id}-1`, handle: id, displayName: id },
            token: { accessToken: 'bench' },
          },
        ]),
      refresh: async (ctx) => ok(ctx.token),
      revoke: async () => ok(undefined),
    },
    async publish(ctx) {
      if (!ctx.settings.urls.api) return ok({ externalId: ctx.idempotencyKey, url: null })
      const response = await ctx.http.send<{ id: string }>({
        method: 'POST',
        url: '/posts',
        bearer: ctx.token.accessToken,
        headers: { 'idempotency-key': ctx.idempotencyKey },
        json: { text: ctx.post.text },
      })
      if (response.status !== 'ok') return response
      return response.value.body?.id
        ? ok({ externalId: String(response.value.body.id), url: null })
        : failed('no id in the answer', false)
    },
    fetchStats: async () => ok({}),
  })
}
